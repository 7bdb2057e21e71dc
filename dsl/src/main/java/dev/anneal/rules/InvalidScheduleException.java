package dev.anneal.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a schedule, plan or config breaks one or more rules. It carries every violation
 * found, not just the first, so a user can fix them all in one go; its message lists them one a
 * line in the catalogue's format ({@code [Code] path: message}).
 */
public class InvalidScheduleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;
  private final transient List<Violation> warnings;

  public InvalidScheduleException(List<Violation> violations) {
    this(violations, List.of());
  }

  /**
   * @param violations what makes the input invalid: the message lists these
   * @param warnings what was found beside them, not part of the message: for a tool that shows
   *     everything wrong with a file at once ({@code anneal validate})
   */
  public InvalidScheduleException(List<Violation> violations, List<Violation> warnings) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
    this.warnings = List.copyOf(warnings);
  }

  public InvalidScheduleException(Violation violation) {
    this(List.of(violation));
  }

  /** The violations that refused the input (the errors, unless a thrower added warnings), in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * The warnings found together with the violations before the input was refused (empty where the
   * thrower did not collect them), in the order found.
   */
  public List<Violation> warnings() {
    return warnings;
  }

  /**
   * Throws if {@code found} holds any error, with the errors as its violations and the warnings
   * beside them; warnings alone never throw.
   */
  public static void throwIfErrors(List<Violation> found) {
    if (found.stream().anyMatch(Violation::isError)) {
      throw new InvalidScheduleException(
          found.stream().filter(Violation::isError).toList(), found.stream().filter(v -> !v.isError()).toList());
    }
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
  }
}
