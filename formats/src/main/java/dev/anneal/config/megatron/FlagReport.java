package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import dev.anneal.rules.Values;

/**
 * Reports a problem with a flag the one way every Megatron message reads: the flag and its line,
 * the value as the user wrote it, what is wrong and why (usually Megatron's own assert), and the fix.
 *
 * @param flags the flags read
 * @param problems where the violations go
 */
record FlagReport(Flags flags, Problems problems) {
  /** A value out of range, shown as the user wrote it (or as Megatron computed it, for a default). */
  void range(MegatronFlag flag, Object value, String rule, String fix) {
    String shown = flags.given(flag) ? flags.written(flag) : Values.show(value);
    problems.add(MegatronCode.megatronFlagRange(flags.where(flag), value, flag.flag(), shown, rule, fix));
  }

  /** {@code flag} given together with {@code other}, which Megatron does not allow. */
  void conflict(MegatronFlag flag, String other, String why, String fix) {
    problems.add(MegatronCode.megatronFlagConflict(flags.where(flag), flags.written(flag), flag.flag(), other, why, fix));
  }

  /** The value of {@code flag} as written, or {@code value} (its default) when not written. */
  String written(MegatronFlag flag, double value) {
    return flags.given(flag) ? flags.written(flag) : Values.show(value);
  }
}
