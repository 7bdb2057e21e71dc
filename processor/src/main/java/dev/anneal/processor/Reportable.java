package dev.anneal.processor;

import dev.anneal.rules.Code;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every code the processor reports at compile time on annotated schedules and plans: its own
 * (syntax, names, types, attributes, channels, its failure) and the model's rules it runs. The
 * tests hold one case per code; {@code ConditionNotMet} is reported at run time, by generated
 * validators. A {@code @CheckedConfig} also reports whatever its format's reader reports.
 */
public final class Reportable {
  public static final Set<Code> CODES = EnumSet.of(
      Code.EXPRESSION_SYNTAX, Code.UNKNOWN_NAME, Code.NOT_NUMERIC_PARAMETER, Code.FRACTIONAL_LENGTH, Code.DIVISION_BY_ZERO,
      Code.MISSING_ATTRIBUTE, Code.IRRELEVANT_ATTRIBUTE, Code.CHANNEL_PHASES_DIFFER, Code.DUPLICATE_CHANNEL, Code.PROCESSOR_FAILURE,
      Code.JUMP_BETWEEN_PHASES,
      Code.NON_FINITE_VALUE, Code.NEGATIVE_VALUE, Code.NEGATIVE_LEARNING_RATE, Code.MOMENTUM_OUT_OF_RANGE, Code.NEGATIVE_WEIGHT_DECAY,
      Code.NOT_POSITIVE, Code.OUT_OF_RANGE, Code.NON_FINITE_AT_STEP, Code.NON_POSITIVE_LENGTH, Code.NEEDS_LENGTH, Code.OPEN_PHASE_NOT_LAST,
      Code.LENGTH_OVERFLOW, Code.EMPTY_SCHEDULE, Code.CONTINUE_UNBOUNDED, Code.FLOOR_ABOVE_PEAK, Code.MILESTONES_NOT_INCREASING,
      Code.CYCLIC_BASE_ABOVE_MAX, Code.RESTART_PERIOD_TOO_SMALL, Code.RESTART_MULTIPLIER_TOO_SMALL, Code.ONE_CYCLE_PHASE_EMPTY,
      Code.PLATEAU_FACTOR_OUT_OF_RANGE, Code.UNKNOWN_CHANNEL, Code.FIRST_UPDATE_AT_ZERO, Code.REPEATED_MILESTONE);

  private Reportable() {}
}
