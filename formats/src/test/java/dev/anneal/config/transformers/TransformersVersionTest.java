package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * Where transformers 4 and 5 feed the same schedule functions differently, each difference read
 * under both versions ({@code transformers_version}; 5 when absent). transformers 5's rules are
 * those of {@code training_args.py} on main at {@code 00349ae8}: {@code warmup_steps: float},
 * {@code get_warmup_steps} returning {@code int(warmup_steps)} from 1 on and {@code
 * ceil(num_training_steps * warmup_steps)} below, and {@code __post_init__} copying a {@code
 * warmup_ratio} that is not None into {@code warmup_steps}.
 */
class TransformersVersionTest {
  private static final String V4 = "'transformers_version': '4', ";
  private static final String V5 = "'transformers_version': '5', ";
  private static final String CONSTANT_WITH_WARMUP = "'learning_rate': 1.0, 'lr_scheduler_type': 'constant_with_warmup', ";

  private static String firstUpdateAtZero(String path) {
    return "[FirstUpdateAtZero] " + path + ": the first update uses a learning rate of 0 (the linear warm-up starts at 0); it changes"
        + " nothing";
  }

  @Test
  void aFractionalWarmupStepsIsARatioOfMaxStepsIn5AndAnErrorIn4() {
    // ceil(1000 * 0.05) = 50 warm-up steps; constant_with_warmup ignores max_steps once the warm-up is known.
    Imported imported = Configs.read("{" + V5 + "'learning_rate': 1.0, 'lr_scheduler_type': 'linear', 'warmup_steps': 0.05,"
        + " 'max_steps': 1000}");
    Schedule lr = imported.plan().lr();
    assertEquals(25.0 / 50, lr.valueAt(25));
    assertEquals(1.0, lr.valueAt(50));
    assertEquals(500.0 / 950, lr.valueAt(500));

    assertErrors("{" + V4 + CONSTANT_WITH_WARMUP + "'warmup_steps': 0.05, 'max_steps': 1000}",
        "[WrongType] warmup_steps: expected an integer number of steps (a fraction of max_steps goes in warmup_ratio), found 0.05");
  }

  @Test
  void theDefaultIs5() {
    Schedule lr = Configs.read("{" + CONSTANT_WITH_WARMUP + "'warmup_steps': 0.05, 'max_steps': 1000}").plan().lr();
    assertEquals(1.0, lr.valueAt(50));
    assertEquals(TransformersVersion.V5, TransformersVersion.DEFAULT);
  }

  @Test
  void aFullVersionCountsByItsMajorAndAnUnknownOneIsRefused() {
    Schedule lr = Configs.read("{'transformers_version': '4.57.1', 'learning_rate': 1.0, 'lr_scheduler_type': 'inverse_sqrt',"
        + " 'warmup_steps': 100, 'lr_scheduler_kwargs': {'timescale': 25}}").plan().lr();
    assertEquals(0.5, lr.valueAt(400), "transformers 4 drops the timescale: it stays num_warmup_steps");

    assertErrors("{'transformers_version': '3', " + CONSTANT_WITH_WARMUP + "'warmup_steps': 10}",
        "[UnknownType] transformers_version: unknown transformers_version '3'; expected one of: 4, 5 (or a full version of one of"
            + " them, such as 4.57.1)");
  }

  @Test
  void warmupStepsFromOneOnAreTruncatedIn5() {
    Imported imported = assertWarnings("{" + V5 + CONSTANT_WITH_WARMUP + "'warmup_steps': 2.5}",
        "[WarmupCountedInSteps] warmup_steps: warmup_steps (2.5) is at least 1, so transformers 5 counts it in steps: the warm-up"
            + " lasts int(2.5) = 2 steps (TrainingArguments.get_warmup_steps); write a whole number of steps, or a value below 1 for"
            + " a fraction of max_steps",
        firstUpdateAtZero("warmup_steps"));
    assertEquals(0.5, imported.plan().lr().valueAt(1));
    assertEquals(1.0, imported.plan().lr().valueAt(2));
  }

  @Test
  void warmupRatioReplacesWarmupStepsIn5AndLosesToThemIn4() {
    String fields = CONSTANT_WITH_WARMUP + "'warmup_steps': 20, 'warmup_ratio': 0.1, 'max_steps': 100}";
    Imported v5 = assertWarnings("{" + V5 + fields,
        "[WarmupRatioReplacesSteps] warmup_steps: warmup_ratio (0.1) replaces warmup_steps (20): transformers 5's"
            + " TrainingArguments.__post_init__ copies a warmup_ratio that is not null into warmup_steps (and warns that it is"
            + " deprecated); remove warmup_ratio, or set transformers_version to 4 if the config comes from transformers 4",
        "[IgnoredArgument] max_steps: max_steps (100) is ignored by the 'constant_with_warmup' schedule (get_scheduler passes only"
            + " num_warmup_steps to get_constant_schedule_with_warmup); remove it or pick a type that uses it",
        firstUpdateAtZero("warmup_ratio"));
    assertEquals(1.0, v5.plan().lr().valueAt(10), "ceil(100 * 0.1) = 10 warm-up steps");

    Imported v4 = Configs.read("{" + V4 + fields);
    assertEquals(0.5, v4.plan().lr().valueAt(10), "warmup_steps 20 wins");
  }

  @Test
  void aTransformers4DumpReadAs5LosesItsWarmupToTheZeroRatio() {
    // to_json_string() of 4 writes "warmup_ratio": 0.0 beside warmup_steps; 5 copies that 0.0 into warmup_steps.
    Imported imported = assertWarnings("{" + CONSTANT_WITH_WARMUP + "'warmup_steps': 500, 'warmup_ratio': 0.0}",
        "[WarmupRatioReplacesSteps] warmup_steps: warmup_ratio (0) replaces warmup_steps (500): transformers 5's"
            + " TrainingArguments.__post_init__ copies a warmup_ratio that is not null into warmup_steps (and warns that it is"
            + " deprecated); remove warmup_ratio, or set transformers_version to 4 if the config comes from transformers 4");
    assertEquals(1.0, imported.plan().lr().valueAt(0), "no warm-up");
    assertEquals(0.0, Configs.read("{" + V4 + CONSTANT_WITH_WARMUP + "'warmup_steps': 500, 'warmup_ratio': 0.0}").plan().lr().valueAt(0));
  }

  @Test
  void aWarmupRatioOfOneIsOneStepIn5AndTheWholeRunIn4() {
    Imported v5 = assertWarnings("{" + V5 + "'learning_rate': 1.0, 'lr_scheduler_type': 'linear', 'warmup_ratio': 1.0, 'max_steps': 100}",
        "[WarmupCountedInSteps] warmup_ratio: warmup_ratio (1) is at least 1, so transformers 5 counts it in steps: the warm-up lasts"
            + " int(1) = 1 steps (TrainingArguments.get_warmup_steps); for a fraction of max_steps give a value below 1",
        firstUpdateAtZero("warmup_ratio"));
    assertEquals(1.0, v5.plan().lr().valueAt(1));

    Imported v4 = Configs.read("{" + V4 + "'learning_rate': 1.0, 'lr_scheduler_type': 'linear', 'warmup_ratio': 1.0, 'max_steps': 100}");
    assertEquals(0.5, v4.plan().lr().valueAt(50));
  }

  @Test
  void aNegativeWarmupIsRefusedIn5AsTrainingArgumentsRefusesIt() {
    assertErrors("{" + V5 + CONSTANT_WITH_WARMUP + "'warmup_steps': -2}",
        "[NegativeValue] warmup_steps: warmup_steps (-2) must be at least 0");
    assertErrors("{" + V5 + CONSTANT_WITH_WARMUP + "'warmup_ratio': -0.1}",
        "[NegativeValue] warmup_ratio: warmup_ratio (-0.1) must be at least 0");
  }

  @Test
  void inverseSqrtGetsItsTimescaleFromTheKwargsIn5() {
    Imported imported = assertWarnings("{" + V5 + "'learning_rate': 1.0, 'lr_scheduler_type': 'inverse_sqrt', 'warmup_steps': 100,"
            + " 'lr_scheduler_kwargs': {'timescale': 25}}",
        firstUpdateAtZero("warmup_steps"));
    // 1 / sqrt((step + 25 - 100) / 25) at step 175: 1 / sqrt(4), as the direct call gives.
    assertEquals(0.5, imported.plan().lr().valueAt(175));
  }

  @Test
  void inverseSqrtStillDropsMaxStepsIn5() {
    assertWarnings("{" + V5 + "'learning_rate': 1.0, 'lr_scheduler_type': 'inverse_sqrt', 'warmup_steps': 100, 'max_steps': 1000}",
        "[IgnoredArgument] max_steps: max_steps (1000) is ignored by the 'inverse_sqrt' schedule (get_scheduler passes"
            + " num_warmup_steps and the kwargs to get_inverse_sqrt_schedule, not num_training_steps); remove it or pick a type that"
            + " uses it",
        firstUpdateAtZero("warmup_steps"));
  }

  @Test
  void transformers5sGreedySchedulerIsKnownButFollowsTheLoss() {
    assertErrors("{'learning_rate': 1.0, 'lr_scheduler_type': 'greedy', 'eval_strategy': 'steps'}",
        "[NotImportable] lr_scheduler_type: cannot be imported from transformers: transformers 5's greedy (GreedyLR,"
            + " get_greedy_schedule) is not a closed-form schedule: Trainer steps it with the evaluation loss, and it raises or"
            + " lowers the learning rate by its factor as the loss improves or stalls; declare a plateau phase, or use the pytorch"
            + " format's ReduceLROnPlateau with one metric per update");
    assertErrors("{" + V4 + "'learning_rate': 1.0, 'lr_scheduler_type': 'greedy'}",
        "[UnknownType] lr_scheduler_type: unknown lr_scheduler_type 'greedy'; expected one of: constant, constant_with_warmup,"
            + " cosine, cosine_warmup_with_min_lr, cosine_with_min_lr, cosine_with_restarts, inverse_sqrt, linear, polynomial,"
            + " reduce_lr_on_plateau, warmup_stable_decay");
  }
}
