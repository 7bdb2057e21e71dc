package dev.anneal.cli.audit;

import dev.anneal.rules.Violation;
import java.util.List;

/** A log that cannot be audited, with every problem found, each naming where (a line, a JSON path or an option). */
public final class UnreadableLog extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> problems;

  UnreadableLog(List<Violation> problems) {
    super(problems.toString(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  UnreadableLog(Violation problem) {
    this(List.of(problem));
  }

  /** The problems, at least one. */
  public List<Violation> problems() {
    return problems;
  }
}
