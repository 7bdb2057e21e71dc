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

  public InvalidScheduleException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  public InvalidScheduleException(Violation violation) {
    this(List.of(violation));
  }

  /** Every violation, errors and warnings, in the order the rules found them. */
  public List<Violation> violations() {
    return violations;
  }

  /** Throws if {@code found} holds any error; warnings alone never throw. */
  public static void throwIfErrors(List<Violation> found) {
    if (found.stream().anyMatch(Violation::isError)) {
      throw new InvalidScheduleException(found.stream().filter(Violation::isError).toList());
    }
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
  }
}
