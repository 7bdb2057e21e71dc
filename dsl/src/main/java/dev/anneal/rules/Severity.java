package dev.anneal.rules;

/** How serious a {@link Violation} is. */
public enum Severity {
  /** The schedule or config cannot be used as written. */
  ERROR,
  /** The schedule works, but does something a user may not expect (usually an upstream quirk). */
  WARNING,
  /**
   * Nothing is wrong: the input runs exactly as upstream runs it, and the user is told something
   * they might otherwise assume, such as a setting that is read but does not change any schedule.
   */
  NOTE
}
