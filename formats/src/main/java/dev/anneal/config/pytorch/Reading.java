package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Problems;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.Set;

/** What the readers share: when the values read so far can still be checked. */
final class Reading {
  /**
   * The errors after which a value read is a stand-in (the NaN or default that replaced a wrong
   * type, a missing key, a NaN), so checking it could report a problem the user does not have. An
   * unknown choice ({@code mode}) falls back to the default, which no check of another value trips on.
   */
  private static final Set<DiagnosticCode> UNRELIABLE =
      Set.of(ConfigCode.WRONG_TYPE, ConfigCode.MISSING_KEY, RuleCode.NON_FINITE_VALUE, RuleCode.OUT_OF_RANGE, ConfigCode.INVALID_JSON, ConfigCode.EMPTY_INPUT);

  private Reading() {}

  /**
   * Whether every value read since problem number {@code before} is what the user wrote, so that
   * the presets' value checks can run and report their problems in the same go (an unknown key or
   * a refused {@code last_epoch} does not change any value).
   */
  static boolean valuesReliable(Problems problems, int before) {
    return problems.all().subList(before, problems.all().size()).stream()
        .filter(Violation::isError)
        .noneMatch(v -> UNRELIABLE.contains(v.code()));
  }
}
