package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import org.junit.jupiter.api.Test;

/**
 * A TrainingArguments dump reads as Trainer runs it: the scheduler fields are modelled, every other
 * field is named with the reason it does not change the schedule, and a key that is no field is
 * refused, as {@code TrainingArguments(**config)} raises {@code TypeError}.
 */
class TrainingArgumentsFieldsTest {
  private static final String FIRST_UPDATE_AT_ZERO =
      "[FirstUpdateAtZero] warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at 0); it changes nothing";

  private static final String RUN = "'learning_rate': 2e-05, 'lr_scheduler_type': 'linear', 'warmup_steps': 100, 'max_steps': 1000";

  @Test
  void fieldsThatDoNotChangeTheScheduleAreNamedWithTheirReason() {
    Imported imported = assertWarnings("{" + RUN + ", 'per_device_train_batch_size': 8, 'weight_decay': 0.01, 'fp16': true,"
            + " 'output_dir': 'out', 'num_train_epochs': 3.0}",
        "[IgnoredSetting] per_device_train_batch_size: ignored: the batch size changes the samples per update, not the schedule,"
            + " which counts optimizer updates",
        "[IgnoredSetting] fp16: ignored: on a gradient overflow Trainer skips the update and the scheduler step together, so the curve"
            + " is the same, counted in applied updates",
        "[IgnoredSetting] output_dir: ignored: it does not change the schedule",
        "[IgnoredSetting] num_train_epochs: ignored: max_steps (1000) overrides it",
        FIRST_UPDATE_AT_ZERO);

    assertEquals(2e-05, imported.plan().lr().valueAt(100));
    // weight_decay is no note: it is read into the optimizer Trainer builds, which anneal train applies.
    assertEquals(0.01, imported.optimizer().orElseThrow().setting("weight_decay").orElseThrow().value());
  }

  @Test
  void nullFieldsGiveNothingToName() {
    assertWarnings("{" + RUN + ", 'run_name': null, 'deepspeed': null}", FIRST_UPDATE_AT_ZERO);
  }

  /**
   * Was an {@code UnknownKey} error: a dump is what some Trainer run wrote (another version's
   * fields, a subclass's such as TRL's), and Trainer never reads a key it does not know.
   */
  @Test
  void aKeyThatIsNoFieldIsAWarning() {
    assertWarnings("{" + RUN + ", 'scheduler': 'cosine'}",
        "[UnknownField] scheduler: scheduler is not a field of transformers 5's TrainingArguments (TrainingArguments(**config)"
            + " raises TypeError on it); Trainer never reads it, so it changes nothing here",
        FIRST_UPDATE_AT_ZERO);
  }

  @Test
  void aMisspelledFieldGetsADidYouMean() {
    assertWarnings("{" + RUN + ", 'gradient_accumulation_step': 4}",
        "[UnknownField] gradient_accumulation_step: gradient_accumulation_step is not a field of transformers 5's TrainingArguments"
            + " (TrainingArguments(**config) raises TypeError on it); Trainer never reads it, so it changes nothing here; did you"
            + " mean `gradient_accumulation_steps`?",
        FIRST_UPDATE_AT_ZERO);
  }

  @Test
  void aFieldOfTheOtherVersionSaysWhichVersionHasIt() {
    assertWarnings("{" + RUN + ", 'overwrite_output_dir': false}",
        "[UnknownField] overwrite_output_dir: overwrite_output_dir is not a field of transformers 5's TrainingArguments"
            + " (TrainingArguments(**config) raises TypeError on it); Trainer never reads it, so it changes nothing here; it is a"
            + " field of transformers 4's: set transformers_version to 4 if the config comes from that version",
        FIRST_UPDATE_AT_ZERO);
    assertWarnings("{'transformers_version': '4', " + RUN + ", 'overwrite_output_dir': false, 'project': 'huggingface'}",
        "[IgnoredSetting] overwrite_output_dir: ignored: it does not change the schedule",
        "[UnknownField] project: project is not a field of transformers 4's TrainingArguments (TrainingArguments(**config) raises"
            + " TypeError on it); Trainer never reads it, so it changes nothing here; it is a field of transformers 5's: set"
            + " transformers_version to 5 if the config comes from that version",
        FIRST_UPDATE_AT_ZERO);
  }

  @Test
  void epochsWithoutMaxStepsAreRefusedWhereTheScheduleNeedsTheTotal() {
    assertErrors("{'learning_rate': 2e-05, 'lr_scheduler_type': 'linear', 'warmup_steps': 100, 'num_train_epochs': 3}",
        "[MissingKey] max_steps: missing required key 'max_steps' (the 'linear' schedule needs num_training_steps, which Trainer takes"
            + " from max_steps; with max_steps -1 Trainer counts them from num_train_epochs (3) and the length of the training data,"
            + " which the config does not hold: add dataset_length (len(train_dataset)) and world_size (the number of processes),"
            + " Anneal's keys for the figures Trainer counts them from, or max_steps = num_train_epochs · ceil(batches per epoch /"
            + " gradient_accumulation_steps))");
  }

  @Test
  void epochsAreNamedWhereTheScheduleDoesNotNeedTheTotal() {
    assertWarnings("{'learning_rate': 2e-05, 'lr_scheduler_type': 'constant', 'num_train_epochs': 3}",
        "[IgnoredSetting] num_train_epochs: ignored: the 'constant' schedule does not depend on the number of training steps, which"
            + " Trainer would count from it");
  }

  @Test
  void aDeepSpeedConfigWithASchedulerReplacesTheTrainersScheduler() {
    assertErrors("{" + RUN + ", 'deepspeed': {'scheduler': {'type': 'WarmupLR', 'params': {}}}}",
        "[NotImportable] deepspeed.scheduler: cannot be imported from transformers: Trainer runs the scheduler block of this DeepSpeed config instead of lr_scheduler_type;"
            + " read the deepspeed object with --format deepspeed to see that schedule");
  }

  @Test
  void aDeepSpeedConfigWithoutASchedulerLeavesTheTrainersScheduler() {
    assertWarnings("{" + RUN + ", 'deepspeed': {'zero_optimization': {'stage': 2}}}",
        "[IgnoredSetting] deepspeed: ignored: the DeepSpeed config has no scheduler block, so Trainer runs lr_scheduler_type",
        FIRST_UPDATE_AT_ZERO);
  }

  @Test
  void aDeepSpeedConfigFileIsAWarningSinceAnnealDoesNotOpenIt() {
    assertWarnings("{" + RUN + ", 'deepspeed': 'ds_config.json'}",
        "[DeepspeedFileNotRead] deepspeed: deepspeed names the file ds_config.json, which Anneal does not open: if that config has a"
            + " scheduler block, Trainer runs it instead of lr_scheduler_type; read the file with --format deepspeed to see that schedule",
        FIRST_UPDATE_AT_ZERO);
  }

  @Test
  void theTableHoldsEveryFieldOnceAndTheSchedulerFieldsAsModelled() {
    assertEquals(132, TrainingArgumentsFields.TABLE.keys().size());
    assertEquals(java.util.List.of("learning_rate", "num_train_epochs", "max_steps", "lr_scheduler_type", "lr_scheduler_kwargs", "warmup_ratio", "warmup_steps"),
        TrainingArgumentsFields.TABLE.all().stream()
            .filter(setting -> setting.effect() == dev.anneal.config.KnownSetting.Effect.MODELLED)
            .map(dev.anneal.config.KnownSetting::key).toList());
  }
}
