package dev.anneal.rules;

/** How serious a {@link Violation} is. */
public enum Severity {
  /** The schedule or config cannot be used as written. */
  ERROR,
  /** The schedule works, but does something a user may not expect (usually an upstream quirk). */
  WARNING
}
