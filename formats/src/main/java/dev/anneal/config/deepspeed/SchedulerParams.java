package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.config.UpstreamName;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code scheduler.params} object of one scheduler type, read the way DeepSpeed's constructor
 * takes it: each accessor returns the value, or the constructor's default when the key is absent
 * or null (Python's None), and records a violation at the key's JSON path (e.g. {@code
 * scheduler.params.warmup_num_steps}) when the value is unusable, returning NaN for a number (so
 * that no cross-check fires on it) or the default for an integer or a flag, so that reading goes on
 * and every problem is reported at once.
 */
final class SchedulerParams {
  private final SchedulerType type;
  private final JsonFields fields;
  private final Optimizer optimizer;
  private final boolean optimizerGiven;
  private final Problems problems;

  /**
   * @param optimizer the optimizer block, or {@code null} where the ds_config has none or it is unusable
   * @param optimizerGiven whether the ds_config has an optimizer block (an unusable one is reported already)
   */
  SchedulerParams(SchedulerType type, JsonFields fields, Optimizer optimizer, boolean optimizerGiven, Problems problems) {
    this.type = type;
    this.fields = fields;
    this.optimizer = optimizer;
    this.optimizerGiven = optimizerGiven;
    this.problems = problems;
  }

  SchedulerType type() {
    return type;
  }

  /** The optimizer block, or {@code null}. */
  Optimizer optimizer() {
    return optimizer;
  }

  /** Whether the ds_config has no optimizer block at all (the optimizer then comes from the user's code). */
  boolean optimizerAbsent() {
    return !optimizerGiven;
  }

  String path(String key) {
    return fields.path(key);
  }

  boolean has(String key) {
    return fields.has(key);
  }

  boolean hasErrors() {
    return problems.hasErrors();
  }

  void warn(Violation warning) {
    problems.add(warning);
  }

  void error(Violation error) {
    problems.add(error);
  }

  /** Records a {@code MissingKey} error if {@code key} is absent; returns whether it is present. */
  boolean require(String key) {
    if (has(key)) {
      return true;
    }
    problems.add(ConfigCode.missingKey(path(key), "'" + key + "' (" + type.upstreamName() + " has no default for it)"));
    return false;
  }

  /** A finite number; NaN where it is present but unusable (the problem is recorded). */
  double number(String key, double fallback) {
    return has(key) ? fields.optDouble(key, Double.NaN) : fallback;
  }

  /** A finite number of at least 0. */
  double atLeastZero(String key, double fallback) {
    double value = number(key, fallback);
    List<Violation> out = new ArrayList<>();
    return Double.isNaN(value) || Rules.nonNegative(out, key, value) ? value : report(out, key);
  }

  /** A finite number greater than 0. */
  double positive(String key, double fallback) {
    double value = number(key, fallback);
    List<Violation> out = new ArrayList<>();
    return Double.isNaN(value) || Rules.positive(out, key, value) ? value : report(out, key);
  }

  /** A ratio in [0, 1]. */
  double ratio(String key, double fallback, String why) {
    double value = number(key, fallback);
    if (value < 0 || value > 1) {
      problems.add(RuleCode.outOfRange(path(key), key, value, "[0, 1] (" + why + ")"));
      return Double.NaN;
    }
    return value;
  }

  /** A momentum or Adam β1 in [0, 1). */
  double momentum(String key, double fallback) {
    double value = number(key, fallback);
    if (value < 0 || value >= 1) {
      problems.add(RuleCode.outOfRange(path(key), key, value, "[0, 1) (Adam diverges with β1 >= 1)"));
      return Double.NaN;
    }
    return value;
  }

  private double report(List<Violation> found, String key) {
    found.forEach(v -> problems.add(v.relocated(path(key), null, null)));
    return Double.NaN;
  }

  /**
   * An integer of at least {@code minimum} (0 or 1, or {@link Long#MIN_VALUE} for any); a JSON number
   * with a zero fraction counts, as DeepSpeed's float() takes it.
   */
  long integer(String key, long fallback, long minimum) {
    long value = fields.optLong(key, fallback);
    if (minimum == Long.MIN_VALUE) {
      return value;
    }
    List<Violation> out = new ArrayList<>();
    boolean ok = minimum >= 1 ? Rules.atLeastOne(out, key, value) : Rules.nonNegative(out, key, value);
    if (!ok) {
      out.forEach(v -> problems.add(v.relocated(path(key), null, null)));
      return fallback;
    }
    return value;
  }

  /**
   * A step count DeepSpeed requires to be a Python {@code int} of at least 1 ({@code
   * warmup_num_steps}: its constructor raises ValueError for {@code 1000.0}).
   */
  long strictInteger(String key, long fallback) {
    JsonNode raw = fields.raw(key);
    if (raw != null && raw.isNumber() && !raw.isIntegralNumber()) {
      problems.add(ConfigCode.wrongType(path(key), raw.asText(), "an integer (DeepSpeed raises ValueError: " + key
          + " must be a positive integer)", raw.asText()));
      return fallback;
    }
    return integer(key, fallback, 1);
  }

  /** {@code warmup_num_steps} as DeepSpeed runs it: raised to at least 2, with a warning when it is. */
  long warmupSteps() {
    String key = "warmup_num_steps";
    long given = strictInteger(key, Warmup.DEFAULT_STEPS);
    if (given < Warmup.MIN_STEPS) {
      warn(DeepSpeedCode.warmupRaisedToTwo(path(key), given));
    }
    return Math.max(Warmup.MIN_STEPS, given);
  }

  boolean flag(String key, boolean fallback) {
    return fields.optBoolean(key, fallback);
  }

  /** {@code warmup_type}: log (the default, with a warning, since it surprises) or linear. */
  WarmupType warmupType(long warmupSteps) {
    if (!has("warmup_type")) {
      warn(DeepSpeedCode.logWarmupDefault(path("warmup_type"), warmupSteps));
      return WarmupType.LOG;
    }
    String given = fields.optString("warmup_type", null);
    if (given == null) {
      return WarmupType.LOG;
    }
    WarmupType warmup = WarmupType.byKey(given);
    if (warmup == null) {
      // DeepSpeed compares exactly ('Linear' is unknown), logs a warning and warms up with log.
      List<String> keys = UpstreamName.names(WarmupType.class);
      problems.add(DeepSpeedCode.unknownWarmupType(path("warmup_type"), given, DidYouMean.hint(given, keys)));
      return WarmupType.LOG;
    }
    return warmup;
  }

  /**
   * The optimizer's lr, which this scheduler needs; NaN (with a {@code MissingKey} error saying
   * {@code why}) where the ds_config gives none.
   */
  double optimizerLr(String why) {
    if (optimizer != null && optimizer.lr().isPresent()) {
      return optimizer.lr().getAsDouble();
    }
    if (optimizer != null || !optimizerGiven) {
      problems.add(ConfigCode.missingKey(Optimizer.LR_PATH, "'" + Optimizer.LR_PATH + "' (" + why + ")"));
    }
    return Double.NaN;
  }

  /**
   * Checks the keys nobody reads: {@code last_batch_iteration} must be -1 (its default) and every
   * other key must be a parameter of this type, as DeepSpeed's constructor requires (it fails with
   * a TypeError on any other keyword).
   */
  void rejectUnknownKeys() {
    // Settles the object: its parameters are the type's to read, the rest is refused here.
    for (String name : fields.unconsumed()) {
      if (name.equals(SchedulerType.LAST_BATCH_ITERATION)) {
        checkLastBatchIteration();
      } else if (!type.parameters().contains(name)) {
        List<String> others = type.othersTaking(name);
        String hint = others.isEmpty()
            ? DidYouMean.hint(name, type.parameters())
            : "; it is a parameter of " + String.join(" and ", others) + ", not of " + type.upstreamName();
        problems.add(ConfigCode.unknownKey(path(name), name, " for " + type.upstreamName()
            + hint + " (DeepSpeed fails on it with a TypeError)"));
      }
    }
  }

  private void checkLastBatchIteration() {
    long value = fields.optLong(SchedulerType.LAST_BATCH_ITERATION, -1);
    if (value != -1) {
      String key = SchedulerType.LAST_BATCH_ITERATION;
      problems.add(ConfigCode.notImportable(path(key), value, "DeepSpeed", key + " " + Values.show(value) + " resumes the schedule mid-way (DeepSpeed then leaves"
          + " the optimizer's lr alone until the first step); Anneal reads a schedule from its start: remove it, and resume from step "
          + (value + 1) + " of the plan"));
    }
  }
}
