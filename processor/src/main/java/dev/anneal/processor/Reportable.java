package dev.anneal.processor;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import java.util.Set;

/**
 * Every code the processor reports at compile time on annotated schedules and plans: its own
 * (syntax, names, types, attributes, channels, its failure) and the model's rules it runs. The
 * tests hold one case per code; {@code ConditionNotMet} is reported at run time, by generated
 * validators. A {@code @CheckedConfig} reports its own codes (an unknown format, a resource that
 * cannot be found or is written as an absolute path) and whatever its format's reader reports,
 * which the formats' own tests cover.
 */
public final class Reportable {
  public static final Set<DiagnosticCode> CODES = Set.of(
      ProcessorCode.EXPRESSION_SYNTAX, ProcessorCode.UNKNOWN_NAME, ProcessorCode.NOT_NUMERIC_PARAMETER, ProcessorCode.FRACTIONAL_LENGTH, ProcessorCode.DIVISION_BY_ZERO,
      ProcessorCode.MISSING_ATTRIBUTE, ProcessorCode.IRRELEVANT_ATTRIBUTE, ProcessorCode.CHANNEL_PHASES_DIFFER, ProcessorCode.DUPLICATE_CHANNEL, ProcessorCode.PROCESSOR_FAILURE,
      ProcessorCode.JUMP_BETWEEN_PHASES, ProcessorCode.PRIVATE_RECORD, ProcessorCode.GENERIC_RECORD, ProcessorCode.GENERATED_NAME_CLASH,
      ProcessorCode.INVALID_GENERATED_NAME, ProcessorCode.ABSOLUTE_RESOURCE_PATH, ConfigCode.UNKNOWN_TYPE, ConfigCode.UNREADABLE_FILE,
      ProcessorCode.NON_FINITE_NUMBER, ProcessorCode.DOUBLE_FUNCTION_LENGTH, ProcessorCode.UNIT_WITHOUT_LENGTH, ProcessorCode.UNUSED_GEOMETRY,
      RuleCode.UNIT_NEEDS_GEOMETRY, ProcessorCode.INVALID_CLOCK, RuleCode.INVALID_BATCH_SCHEDULE, RuleCode.LENGTH_OFF_CLOCK,
      RuleCode.NON_FINITE_VALUE, RuleCode.NEGATIVE_VALUE, RuleCode.NEGATIVE_LEARNING_RATE, RuleCode.MOMENTUM_OUT_OF_RANGE, RuleCode.NEGATIVE_WEIGHT_DECAY,
      RuleCode.NOT_POSITIVE, RuleCode.OUT_OF_RANGE, RuleCode.NON_FINITE_AT_STEP, RuleCode.NON_POSITIVE_LENGTH, RuleCode.NEEDS_LENGTH, RuleCode.OPEN_PHASE_NOT_LAST,
      RuleCode.LENGTH_OVERFLOW, RuleCode.EMPTY_SCHEDULE, RuleCode.CONTINUE_UNBOUNDED, RuleCode.FLOOR_ABOVE_PEAK, RuleCode.MILESTONES_NOT_INCREASING,
      RuleCode.CYCLIC_BASE_ABOVE_MAX, RuleCode.RESTART_PERIOD_TOO_SMALL, RuleCode.RESTART_MULTIPLIER_TOO_SMALL, RuleCode.ONE_CYCLE_PHASE_EMPTY,
      RuleCode.PLATEAU_FACTOR_OUT_OF_RANGE, RuleCode.UNKNOWN_CHANNEL, RuleCode.FIRST_UPDATE_AT_ZERO, RuleCode.REPEATED_MILESTONE,
      RuleCode.RESTARTS_RISE, RuleCode.OVERFLOW);

  private Reportable() {}
}
