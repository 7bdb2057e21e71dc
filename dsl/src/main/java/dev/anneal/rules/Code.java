package dev.anneal.rules;

import java.util.Locale;

/**
 * The one catalogue of every diagnostic Anneal reports, at build time, import time, compile time
 * and run time alike. Each code has a stable identifier ({@link #id()}, e.g. {@code
 * WarmupExceedsTotal}), a severity and a message template; rules create {@link Violation}s only
 * through {@link #at(String, Object, Object...)} so that every message follows one grammar.
 */
public enum Code {
  // ---- values ------------------------------------------------------------------------------
  NON_FINITE_VALUE(Severity.ERROR, "%s (%s) must be a finite number"),
  NEGATIVE_VALUE(Severity.ERROR, "%s (%s) must be at least 0"),
  NEGATIVE_LEARNING_RATE(Severity.ERROR, "learning rate reaches %s; a learning rate must be at least 0"),
  MOMENTUM_OUT_OF_RANGE(Severity.ERROR, "%s reaches %s; momentum and Adam beta1 must lie in [0, 1)"),
  NEGATIVE_WEIGHT_DECAY(Severity.ERROR, "weight decay reaches %s; weight decay must be at least 0"),
  NOT_POSITIVE(Severity.ERROR, "%s (%s) must be greater than 0"),
  OUT_OF_RANGE(Severity.ERROR, "%s (%s) must lie in %s"),
  NON_FINITE_AT_STEP(Severity.ERROR, "the value at step %s would be %s; every value up to the declared end must be finite"),
  // ---- lengths and steps ---------------------------------------------------------------------
  NON_POSITIVE_LENGTH(Severity.ERROR, "%s (%s) must be at least 1"),
  NEEDS_LENGTH(Severity.ERROR, "a %s phase needs a length in steps; only constant, exponential, step, milestones, inverse-sqrt, cyclic, restarts and plateau phases may run forever"),
  OPEN_PHASE_NOT_LAST(Severity.ERROR, "only the last phase may run forever; phase %s is open but phase %s follows it"),
  LENGTH_OVERFLOW(Severity.ERROR, "the phases add up to more than %s steps"),
  EMPTY_SCHEDULE(Severity.ERROR, "a schedule needs at least one phase"),
  WARMUP_EXCEEDS_TOTAL(Severity.ERROR, "warmup steps (%s) must be less than total steps (%s)"),
  NEGATIVE_STEP(Severity.ERROR, "step %s is negative; steps count the updates already applied, from 0"),
  STEP_BEYOND_END(Severity.ERROR, "step %s is past the declared end (%s); declare after-end HOLD or CONTINUE to go on"),
  CONTINUE_UNBOUNDED(Severity.ERROR, "after-end CONTINUE would follow the %s formula past its end, where it grows without bound; use HOLD"),
  // ---- shapes ----------------------------------------------------------------------------------
  FLOOR_ABOVE_PEAK(Severity.ERROR, "%s (%s) must not exceed %s (%s) for a decaying shape"),
  MILESTONES_NOT_INCREASING(Severity.ERROR, "milestones must be increasing, but %s follows %s"),
  CYCLIC_BASE_ABOVE_MAX(Severity.ERROR, "base (%s) must not exceed max (%s)"),
  RESTART_PERIOD_TOO_SMALL(Severity.ERROR, "the first restart period T0 (%s) must be at least 1"),
  RESTART_MULTIPLIER_TOO_SMALL(Severity.ERROR, "the restart period multiplier Tmult (%s) must be at least 1"),
  ONE_CYCLE_PHASE_EMPTY(Severity.ERROR, "one-cycle phase %s would span %s steps (pct_start %s of %s total steps); it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
  PLATEAU_FACTOR_OUT_OF_RANGE(Severity.ERROR, "factor (%s) must lie in (0, 1): a plateau reduces the value"),
  UNKNOWN_CHANNEL(Severity.ERROR, "unknown channel %s"),
  // ---- config files ------------------------------------------------------------------------------
  INVALID_JSON(Severity.ERROR, "%s"),
  UNKNOWN_KEY(Severity.ERROR, "unknown key %s%s"),
  UNKNOWN_TYPE(Severity.ERROR, "unknown %s %s%s"),
  MISSING_KEY(Severity.ERROR, "missing required key %s"),
  WRONG_TYPE(Severity.ERROR, "expected %s, found %s"),
  UNREADABLE_FILE(Severity.ERROR, "cannot read %s: %s"),
  UNSUPPORTED(Severity.ERROR, "%s"),
  // ---- megatron -------------------------------------------------------------------------------
  SEGMENT_PAST_END(Severity.ERROR, "a segment phase of %s steps reaches %s units at its last step, past its span (%s); at most %s steps fit"),
  MEGATRON_UNKNOWN_FLAG(Severity.ERROR, "unknown flag %s; did you mean `%s`?"),
  MEGATRON_FLAG_NEEDS_VALUE(Severity.ERROR, "%s needs a value; write `%s VALUE`"),
  MEGATRON_FLAG_NOT_LITERAL(Severity.ERROR, "%s is given as `%s`, a shell expression Anneal does not expand; write the number it stands for"),
  MEGATRON_FLAG_TYPE(Severity.ERROR, "%s takes %s, found '%s'; %s"),
  MEGATRON_FLAG_RANGE(Severity.ERROR, "%s (%s) %s; %s"),
  MEGATRON_FLAG_CONFLICT(Severity.ERROR, "%s cannot be combined with %s: %s; %s"),
  MEGATRON_MISSING_FLAG(Severity.ERROR, "%s is required: %s; add %s"),
  MEGATRON_DEPRECATED_FLAG(Severity.ERROR, "%s is no longer accepted by Megatron-LM; use %s"),
  MEGATRON_WSD_ANNEAL_TOO_LONG(Severity.ERROR, "the WSD anneal (%s) is longer than the decay after the warm-up (%s); %s; make %s at most %s"),
  // ---- warnings: upstream quirks a migrating user should know about -------------------------------
  FIRST_UPDATE_AT_ZERO(Severity.WARNING, "the first update uses a learning rate of 0 (%s); it changes nothing"),
  RISES_PAST_END(Severity.WARNING, "past step %s the %s formula rises again (upstream behaviour); stop training at the end or clamp with HOLD"),
  REPEATED_MILESTONE(Severity.WARNING, "milestone %s is repeated %s times, so the factor is applied %s times at once (PyTorch behaviour)"),
  IGNORED_ARGUMENT(Severity.WARNING, "%s is ignored by %s; remove it or pick a type that uses it"),
  BOUNCES_PAST_TOTAL(Severity.WARNING, "%s"),
  MEGATRON_FLAG_REPEATED(Severity.WARNING, "%s is given %s times (%s); Megatron uses the last value, %s"),
  MEGATRON_FLAG_IGNORED(Severity.WARNING, "%s is ignored %s; remove it"),
  MEGATRON_BATCH_SIZE_ASSUMED(Severity.WARNING, "--global-batch-size is not given, so Anneal counts one sample per iteration, but %s; add --global-batch-size as your launch script sets it"),
  MEGATRON_LR_CLIFF(Severity.WARNING, "the learning rate drops at once from %s to --min-lr (%s) after iteration %s (%s); %s"),
  MEGATRON_FRACTIONAL_BOUNDARY(Severity.WARNING, "%s comes to %s iterations, not a whole number: %s ends part-way between iterations %s and %s, as Megatron computes it"),
  MEGATRON_PARTIAL_BATCH(Severity.WARNING, "--train-samples (%s) is not a multiple of --global-batch-size (%s): Megatron trains %s iterations and never sees the last %s samples");

  private final Severity severity;
  private final String template;

  Code(Severity severity, String template) {
    this.severity = severity;
    this.template = template;
  }

  /** The stable identifier printed in brackets, e.g. {@code WarmupExceedsTotal}. */
  public String id() {
    StringBuilder id = new StringBuilder();
    for (String word : name().split("_")) {
      id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return id.toString();
  }

  public Severity severity() {
    return severity;
  }

  /** The message template, with {@code %s} for each argument. */
  public String template() {
    return template;
  }

  /**
   * A violation of this code at {@code path}.
   *
   * @param path where it is, e.g. {@code phases[1].steps}; empty for the whole schedule
   * @param value the offending value, printed in messages and kept for tools
   * @param args the template's arguments, each printed with {@link Values#show(Object)}
   */
  public Violation at(String path, Object value, Object... args) {
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      shown[i] = args[i] instanceof CharSequence ? args[i] : Values.show(args[i]);
    }
    return new Violation(this, path, String.format(Locale.ROOT, template, shown), value);
  }

  /** Looks a code up by its {@link #id()}; {@code null} if none. */
  public static Code byId(String id) {
    for (Code code : values()) {
      if (code.id().equals(id)) {
        return code;
      }
    }
    return null;
  }
}
