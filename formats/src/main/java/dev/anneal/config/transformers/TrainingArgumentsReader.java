package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.KnownSettings;
import dev.anneal.config.Problems;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the scheduler fields of {@code TrainingArguments} ({@code learning_rate}, {@code
 * lr_scheduler_type}, {@code warmup_steps}, {@code warmup_ratio}, {@code max_steps}, {@code
 * lr_scheduler_kwargs}) the way {@code Trainer.create_scheduler} uses them: {@code
 * get_scheduler(lr_scheduler_type, optimizer, num_warmup_steps=args.get_warmup_steps(max_steps),
 * num_training_steps=max_steps, scheduler_specific_kwargs=lr_scheduler_kwargs)}. Absent fields take
 * {@code TrainingArguments}' defaults, except the learning rate, which must be given. How the
 * warm-up fields combine, and which arguments {@code get_scheduler} passes on, follow the {@link
 * TransformersVersion} the config names. Where {@code max_steps} is -1, the run's length is counted
 * from {@code num_train_epochs} and the data figures ({@link TrainerLaunch}), as Trainer counts it.
 */
final class TrainingArgumentsReader {
  static final String TYPE = "lr_scheduler_type";
  static final String WARMUP_STEPS = "warmup_steps";
  static final String WARMUP_RATIO = "warmup_ratio";
  static final String MAX_STEPS = "max_steps";
  static final String KWARGS = "lr_scheduler_kwargs";
  /** {@code TrainingArguments.max_steps} when not set: train by epochs, counted with the data figures ({@link TrainerLaunch}). */
  static final long MAX_STEPS_UNSET = -1;

  private TrainingArgumentsReader() {}

  /** The preset, or {@code null} with the reasons in {@code root.problems()}. */
  static TransformersPreset read(JsonFields root) {
    Problems problems = root.problems();
    TransformersVersion version = TransformersVersion.read(root);
    double learningRate = Calls.learningRate(root);
    String type = root.optString(TYPE, TransformersFunction.DEFAULT_SCHEDULER_TYPE);
    WarmupFields warmupFields = version == TransformersVersion.V4 ? WarmupFields.v4(root) : WarmupFields.v5(root, version);
    // Long.MIN_VALUE: written, but not an integer (already reported).
    long maxSteps = root.has(MAX_STEPS) ? root.optLong(MAX_STEPS, Long.MIN_VALUE) : MAX_STEPS_UNSET;
    JsonFields kwargs = SchedulerKwargs.read(root, KWARGS);
    boolean epochsGiven = root.has(TrainingArgumentsFields.NUM_TRAIN_EPOCHS);
    // Trainer counts the run from the epochs only where max_steps is not set; the data figures say how.
    boolean launchRead = maxSteps == MAX_STEPS_UNSET && TrainerLaunch.given(root);
    TrainerLaunch launch = launchRead ? TrainerLaunch.read(root, version) : null;
    if (!launchRead) {
      dataFigures(root, maxSteps);
    }
    deepspeed(root);
    otherFields(root, version, launchRead);

    List<Violation> found = new ArrayList<>();
    if (maxSteps != MAX_STEPS_UNSET && maxSteps != Long.MIN_VALUE) {
      Rules.atLeastOne(found, MAX_STEPS, maxSteps);
    }
    found.forEach(problems::add);
    Optional<TransformersFunction> function = type == null ? Optional.empty() : Calls.schedulerType(type, version, TYPE, TYPE, problems);
    if (function.isEmpty() || kwargs == null || !warmupFields.valid()) {
      return null;
    }
    // Go on after other errors: the kwargs' own errors are worth reporting in the same run.

    if (launchRead && launch == null) {
      return null; // the data figures are wrong, and reported
    }
    Long total = maxSteps >= 1 ? maxSteps : null;
    if (total == null && maxSteps != MAX_STEPS_UNSET) {
      // max_steps is written but wrong, and already reported: a stand-in keeps "missing" out of the report.
      total = 1L;
    }
    GetScheduler.Given training = launch != null
        ? new GetScheduler.Given(launch.maxSteps(), new Origin(TrainingArgumentsFields.NUM_TRAIN_EPOCHS, null),
            "max_steps counted from num_train_epochs (" + launch.maxSteps() + ")", "")
        : new GetScheduler.Given(total, new Origin(MAX_STEPS, MAX_STEPS), MAX_STEPS + " (" + maxSteps + ")",
            "'max_steps' (the '" + type + "' schedule needs num_training_steps, which Trainer takes from max_steps;"
                + epochs(root) + ")");
    if (launch != null) {
      total = launch.maxSteps();
      problems.add(launch.note());
    }
    GetScheduler.Given warmup = warmupFields.resolve(total, problems);
    if (warmup == null) {
      return null;
    }
    GetScheduler.Call call =
        GetScheduler.resolve(function.get(), version, warmup, training, kwargs, Calls.learningRateOrigin(), problems);
    if (call == null || problems.hasErrors()) {
      return null;
    }
    if (epochsGiven && launch == null) {
      // Trainer counts num_training_steps from the epochs only where max_steps is not set; reaching
      // here without max_steps or the data figures means the schedule did not need it.
      root.ignored(TrainingArgumentsFields.NUM_TRAIN_EPOCHS, maxSteps >= 1
          ? "max_steps (" + maxSteps + ") overrides it"
          : "the '" + type + "' schedule does not depend on the number of training steps, which Trainer would count from it");
    }
    return Calls.build(learningRate, call, problems);
  }

  /**
   * Where {@code max_steps} is -1, Trainer counts the updates as {@code num_train_epochs} times the
   * updates per epoch, {@code ceil(len(train_dataloader) / gradient_accumulation_steps)}: the data
   * set's length, which a config does not hold.
   */
  private static String epochs(JsonFields root) {
    JsonNode epochs = root.peek(TrainingArgumentsFields.NUM_TRAIN_EPOCHS);
    String given = epochs == null || epochs.isNull() ? "3.0, the default" : epochs.toString();
    return " with max_steps -1 Trainer counts them from num_train_epochs (" + given + ") and the length of the training data,"
        + " which the config does not hold: add " + TrainerLaunch.DATASET_LENGTH + " (len(train_dataset)) and "
        + TrainerLaunch.WORLD_SIZE + " (the number of processes), Anneal's keys for the figures Trainer counts them from,"
        + " or max_steps = num_train_epochs · ceil(batches per epoch / gradient_accumulation_steps)";
  }

  /**
   * Anneal's data figures where Trainer does not count the run from the epochs: {@code max_steps}
   * is set (or wrong, and reported), so they change nothing.
   */
  private static void dataFigures(JsonFields root, long maxSteps) {
    String why = maxSteps >= 1 ? "max_steps (" + maxSteps + ") sets the run's length, so Trainer does not count it from the data"
        : "max_steps is not a valid number of updates (reported above)";
    root.ignored(TrainerLaunch.DATASET_LENGTH, why);
    root.ignored(TrainerLaunch.WORLD_SIZE, why);
  }

  /**
   * The fields of {@code TrainingArguments} that do not change the schedule, each named in a note;
   * a key that is not a field of {@code version} is an {@code UnknownField} warning with a "did you
   * mean", or the version that has the field. Upstream's {@code TrainingArguments(**config)} raises
   * {@code TypeError} on such a key, but a dump is what some Trainer run wrote (a version's own
   * fields, or a subclass's such as TRL's), and Trainer never reads a key it does not know.
   */
  private static void otherFields(JsonFields root, TransformersVersion version, boolean launchRead) {
    KnownSettings fields = TrainingArgumentsFields.of(version);
    // Where the run is counted from the epochs, the batch fields count it: no "ignored" note for them.
    List<String> counted = TrainerLaunch.DATA_FIELDS.stream().map(root::path).toList();
    for (String key : fields.reportIgnored(root, path -> launchRead && counted.contains(path))) {
      String hint = DidYouMean.closest(key, fields.keys())
          .map(name -> "; did you mean `" + name + "`?")
          .orElseGet(() -> otherVersionHint(key, version));
      root.problems().add(TransformersCode.unknownField(root.path(key), key, version.toString(), hint));
    }
  }

  private static String otherVersionHint(String key, TransformersVersion version) {
    for (TransformersVersion other : TransformersVersion.values()) {
      if (other != version && TrainingArgumentsFields.of(other).contains(key)) {
        return "; it is a field of " + other + "'s: set " + TransformersVersion.KEY + " to " + other.major()
            + " if the config comes from that version";
      }
    }
    return "";
  }

  /**
   * {@code deepspeed}: Trainer runs the scheduler block of that DeepSpeed config, if it has one,
   * instead of {@code lr_scheduler_type}.
   */
  private static void deepspeed(JsonFields root) {
    JsonNode raw = root.raw(TrainingArgumentsFields.DEEPSPEED);
    if (raw == null || raw.isNull()) {
      return;
    }
    String path = root.path(TrainingArgumentsFields.DEEPSPEED);
    if (raw.isObject() && raw.has("scheduler")) {
      root.problems().add(ConfigCode.notImportable(path + ".scheduler", null, "transformers", "Trainer runs the scheduler block of this DeepSpeed config"
          + " instead of lr_scheduler_type; read the deepspeed object with --format deepspeed to see that schedule"));
    } else if (raw.isObject()) {
      root.ignored(TrainingArgumentsFields.DEEPSPEED, "the DeepSpeed config has no scheduler block, so Trainer runs lr_scheduler_type");
    } else if (raw.isTextual()) {
      root.problems().add(TransformersCode.deepspeedFileNotRead(path, raw.textValue()));
    } else {
      root.problems().add(ConfigCode.wrongType(path, raw.toString(), "a DeepSpeed config (an object) or the path of one", raw.toString()));
    }
  }
}
