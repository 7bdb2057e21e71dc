package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
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
 * {@code TrainingArguments}' defaults, except the learning rate, which must be given.
 */
final class TrainingArgumentsReader {
  static final String TYPE = "lr_scheduler_type";
  static final String WARMUP_STEPS = "warmup_steps";
  static final String WARMUP_RATIO = "warmup_ratio";
  static final String MAX_STEPS = "max_steps";
  static final String KWARGS = "lr_scheduler_kwargs";
  /** {@code TrainingArguments.max_steps} when not set: train by epochs, which Anneal cannot count. */
  static final long MAX_STEPS_UNSET = -1;

  private TrainingArgumentsReader() {}

  /** The preset, or {@code null} with the reasons in {@code root.problems()}. */
  static TransformersPreset read(JsonFields root) {
    Problems problems = root.problems();
    double learningRate = Calls.learningRate(root);
    String type = root.optString(TYPE, TransformersFunction.DEFAULT_SCHEDULER_TYPE);
    long warmupSteps = warmupSteps(root);
    double warmupRatio = root.optDouble(WARMUP_RATIO, 0.0);
    // Long.MIN_VALUE: written, but not an integer (already reported).
    long maxSteps = root.has(MAX_STEPS) ? root.optLong(MAX_STEPS, Long.MIN_VALUE) : MAX_STEPS_UNSET;
    JsonFields kwargs = Calls.objectOrEmpty(root, KWARGS);
    boolean epochsGiven = root.has(TrainingArgumentsFields.NUM_TRAIN_EPOCHS);
    deepspeed(root);
    otherFields(root);

    List<Violation> found = new ArrayList<>();
    Rules.nonNegative(found, WARMUP_STEPS, warmupSteps);
    boolean ratioOk = Rules.within(found, WARMUP_RATIO, warmupRatio, 0, 1);
    if (maxSteps != MAX_STEPS_UNSET && maxSteps != Long.MIN_VALUE) {
      Rules.atLeastOne(found, MAX_STEPS, maxSteps);
    }
    found.forEach(problems::add);
    Optional<TransformersFunction> function = type == null ? Optional.empty() : Calls.schedulerType(type, TYPE, TYPE, problems);
    if (function.isEmpty() || kwargs == null || !ratioOk) {
      return null;
    }
    // Go on after other errors: the kwargs' own errors are worth reporting in the same run.

    Long total = maxSteps >= 1 ? maxSteps : null;
    if (total == null && maxSteps != MAX_STEPS_UNSET) {
      // max_steps is written but wrong, and already reported: a stand-in keeps "missing" out of the report.
      total = 1L;
    }
    GetScheduler.Given training = new GetScheduler.Given(
        total, new Origin(MAX_STEPS, MAX_STEPS), MAX_STEPS + " (" + maxSteps + ")",
        "'max_steps' (the '" + type + "' schedule needs num_training_steps, which Trainer takes from max_steps;"
            + " Anneal cannot count epochs)");
    GetScheduler.Given warmup = warmup(warmupSteps, warmupRatio, total, problems);
    if (warmup == null) {
      return null;
    }
    GetScheduler.Call call = GetScheduler.resolve(function.get(), warmup, training, kwargs, Calls.learningRateOrigin(), problems);
    if (call == null || problems.hasErrors()) {
      return null;
    }
    if (epochsGiven) {
      // Trainer counts num_training_steps from the epochs only where max_steps is not set; reaching
      // here without max_steps means the schedule did not need it.
      root.ignored(TrainingArgumentsFields.NUM_TRAIN_EPOCHS, maxSteps >= 1
          ? "max_steps (" + maxSteps + ") overrides it"
          : "the '" + type + "' schedule does not depend on the number of training steps, which Trainer would count from it");
    }
    return Calls.build(learningRate, call, problems);
  }

  /**
   * The fields of {@code TrainingArguments} that do not change the schedule, each named in a note;
   * a key that is not a field is refused, as {@code TrainingArguments(**config)} raises {@code
   * TypeError} on it.
   */
  private static void otherFields(JsonFields root) {
    for (String key : TrainingArgumentsFields.TABLE.reportIgnored(root, path -> false)) {
      String hint = DidYouMean.closest(key, TrainingArgumentsFields.TABLE.keys())
          .map(name -> "; did you mean `" + name + "`?")
          .orElse("; TrainingArguments has no such field (upstream raises TypeError)");
      root.problems().add(ConfigCode.unknownKey(root.path(key), key, hint));
    }
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

  /**
   * {@code TrainingArguments.get_warmup_steps(num_training_steps)}: {@code warmup_steps} if it is
   * greater than 0, else {@code ceil(num_training_steps * warmup_ratio)}.
   */
  private static GetScheduler.Given warmup(long warmupSteps, double warmupRatio, Long total, Problems problems) {
    if (warmupSteps > 0) {
      if (warmupRatio > 0) {
        problems.add(TransformersCode.warmupRatioOverridden(WARMUP_RATIO, warmupRatio, warmupSteps));
      }
      return new GetScheduler.Given(warmupSteps, new Origin(WARMUP_STEPS, WARMUP_STEPS), WARMUP_STEPS + " (" + warmupSteps + ")", "");
    }
    if (warmupRatio > 0) {
      if (total == null) {
        problems.add(ConfigCode.missingKey(MAX_STEPS, "'max_steps' (warmup_ratio " + warmupRatio + " is a fraction of it)"));
        return null;
      }
      long steps = (long) Math.ceil(total * warmupRatio);
      // The steps are not written anywhere: violations stay at warmup_ratio, in terms of num_warmup_steps.
      return new GetScheduler.Given(steps, new Origin(WARMUP_RATIO, null), WARMUP_RATIO + " (" + warmupRatio + ")", "");
    }
    return new GetScheduler.Given(0L, new Origin(WARMUP_STEPS, WARMUP_STEPS), WARMUP_STEPS + " (0)", "");
  }

  /** {@code warmup_steps}: an integer; a fraction below 1 gets a pointer to {@code warmup_ratio}. */
  private static long warmupSteps(JsonFields root) {
    JsonNode raw = root.raw(WARMUP_STEPS);
    if (raw != null && raw.isNumber() && !raw.isIntegralNumber() && raw.doubleValue() > 0 && raw.doubleValue() < 1) {
      root.problems().add(ConfigCode.wrongType(
          root.path(WARMUP_STEPS), raw.toString(),
          "an integer number of steps (a fraction of max_steps goes in warmup_ratio)", raw.toString()));
      return 0;
    }
    return root.optLong(WARMUP_STEPS, 0);
  }
}
