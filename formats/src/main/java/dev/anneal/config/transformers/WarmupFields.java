package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up fields of {@code TrainingArguments}, {@code warmup_steps} and {@code warmup_ratio},
 * read as the config's {@link TransformersVersion} reads them, and turned into the {@code
 * num_warmup_steps} that {@code Trainer.create_scheduler} passes: {@code
 * args.get_warmup_steps(max_steps)}.
 */
abstract sealed class WarmupFields {
  static final String WARMUP_STEPS = TrainingArgumentsReader.WARMUP_STEPS;
  static final String WARMUP_RATIO = TrainingArgumentsReader.WARMUP_RATIO;

  private final boolean valid;

  private WarmupFields(boolean valid) {
    this.valid = valid;
  }

  /** Whether the fields hold values upstream accepts (the reasons are reported otherwise). */
  final boolean valid() {
    return valid;
  }

  /**
   * {@code num_warmup_steps}, or {@code null} with the reason in {@code problems} (a ratio needs
   * {@code max_steps}).
   *
   * @param total {@code max_steps} when given, else {@code null}
   */
  abstract GetScheduler.Given resolve(Long total, Problems problems);

  /** transformers 4's fields, read from {@code root}; bad values are reported. */
  static WarmupFields v4(JsonFields root) {
    long steps = v4Steps(root);
    double ratio = root.optDouble(WARMUP_RATIO, 0.0);
    List<Violation> found = new ArrayList<>();
    Rules.nonNegative(found, WARMUP_STEPS, steps);
    // TrainingArguments.__post_init__ raises ValueError: warmup_ratio must lie in range [0,1].
    boolean ok = Rules.within(found, WARMUP_RATIO, ratio, 0, 1);
    found.forEach(root.problems()::add);
    return new V4(steps, ratio, ok);
  }

  /** transformers 5's fields, read from {@code root}; bad values are reported. */
  static WarmupFields v5(JsonFields root, TransformersVersion version) {
    double steps = root.optDouble(WARMUP_STEPS, 0.0);
    JsonNode rawRatio = root.raw(WARMUP_RATIO);
    boolean ratioGiven = rawRatio != null && !rawRatio.isNull();
    double ratio = root.optDouble(WARMUP_RATIO, Double.NaN);
    String field = WARMUP_STEPS;
    double value = steps;
    if (ratioGiven) {
      // __post_init__: a warmup_ratio that is not None becomes warmup_steps, whatever warmup_steps was.
      if (root.has(WARMUP_STEPS) && steps != ratio) {
        root.problems().add(TransformersCode.warmupRatioReplacesSteps(WARMUP_STEPS, ratio, steps, version.toString()));
      }
      field = WARMUP_RATIO;
      value = ratio;
    }
    List<Violation> found = new ArrayList<>();
    // _validate_args raises ValueError: warmup_steps must be an integer or a float (it checks < 0).
    boolean ok = Rules.nonNegative(found, field, value);
    found.forEach(root.problems()::add);
    return new V5(field, value, version, ok);
  }

  /** {@code warmup_steps} in transformers 4: an integer; a fraction below 1 gets a pointer to the ratio. */
  private static long v4Steps(JsonFields root) {
    JsonNode raw = root.raw(WARMUP_STEPS);
    if (raw != null && raw.isNumber() && !raw.isIntegralNumber() && raw.doubleValue() > 0 && raw.doubleValue() < 1) {
      root.problems().add(ConfigCode.wrongType(
          root.path(WARMUP_STEPS), raw.toString(),
          "an integer number of steps (a fraction of max_steps goes in warmup_ratio)", raw.toString()));
      return 0;
    }
    return root.optLong(WARMUP_STEPS, 0);
  }

  private static GetScheduler.Given steps(long steps, Origin origin, String shown) {
    return new GetScheduler.Given(steps, origin, shown, "");
  }

  /** {@code ceil(max_steps * ratio)}, or {@code null} and a {@code MissingKey} if {@code max_steps} is not given. */
  private static GetScheduler.Given fraction(String field, double ratio, Long total, Problems problems) {
    if (total == null) {
      problems.add(ConfigCode.missingKey(TrainingArgumentsReader.MAX_STEPS,
          "'max_steps' (" + field + " " + ratio + " is a fraction of it; with max_steps -1 Trainer counts it from num_train_epochs"
              + " and the training data: or add " + TrainerLaunch.DATASET_LENGTH + " (len(train_dataset)) and " + TrainerLaunch.WORLD_SIZE
              + " (the number of processes))"));
      return null;
    }
    long steps = (long) Math.ceil(total * ratio);
    // The steps are not written anywhere: violations stay at the field, in terms of num_warmup_steps.
    return steps(steps, new Origin(field, null), field + " (" + ratio + ")");
  }

  /** {@code get_warmup_steps} of 4: {@code warmup_steps if warmup_steps > 0 else ceil(T * warmup_ratio)}. */
  private static final class V4 extends WarmupFields {
    private final long steps;
    private final double ratio;

    V4(long steps, double ratio, boolean valid) {
      super(valid);
      this.steps = steps;
      this.ratio = ratio;
    }

    @Override
    GetScheduler.Given resolve(Long total, Problems problems) {
      if (steps > 0) {
        if (ratio > 0) {
          problems.add(TransformersCode.warmupRatioOverridden(WARMUP_RATIO, ratio, steps));
        }
        return steps(steps, new Origin(WARMUP_STEPS, WARMUP_STEPS), WARMUP_STEPS + " (" + steps + ")");
      }
      if (ratio > 0) {
        return fraction(WARMUP_RATIO, ratio, total, problems);
      }
      return steps(0, new Origin(WARMUP_STEPS, WARMUP_STEPS), WARMUP_STEPS + " (0)");
    }
  }

  /**
   * {@code get_warmup_steps} of 5: {@code int(warmup_steps) if warmup_steps >= 1 else
   * ceil(T * warmup_steps)}, where {@code warmup_steps} is {@code warmup_ratio} when that is given.
   */
  private static final class V5 extends WarmupFields {
    private final String field;
    private final double value;
    private final TransformersVersion version;

    V5(String field, double value, TransformersVersion version, boolean valid) {
      super(valid);
      this.field = field;
      this.value = value;
      this.version = version;
    }

    @Override
    GetScheduler.Given resolve(Long total, Problems problems) {
      if (value >= 1) {
        long steps = (long) value; // Python's int() truncates toward zero, as the cast does
        boolean exact = steps == value && field.equals(WARMUP_STEPS);
        if (!exact) {
          String fix = field.equals(WARMUP_RATIO)
              ? "for a fraction of max_steps give a value below 1"
              : "write a whole number of steps, or a value below 1 for a fraction of max_steps";
          problems.add(TransformersCode.warmupCountedInSteps(field, field, value, version.toString(), steps, fix));
        }
        Origin origin = exact ? new Origin(WARMUP_STEPS, WARMUP_STEPS) : new Origin(field, null);
        return steps(steps, origin, field + " (" + shown(value) + ")");
      }
      if (value > 0) {
        return fraction(field, value, total, problems);
      }
      // ceil(T * 0) is 0 whatever T is: no max_steps needed.
      return steps(0, new Origin(field, field.equals(WARMUP_STEPS) ? WARMUP_STEPS : null), field + " (0)");
    }

    private static String shown(double value) {
      return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
  }
}
