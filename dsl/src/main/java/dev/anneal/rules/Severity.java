package dev.anneal.rules;

/**
 * How serious a {@link Violation} is, by one rule: what upstream runs, Anneal runs with upstream's
 * values; what upstream refuses, Anneal refuses with upstream's reason. Anneal's own opinions never
 * block a config upstream runs: they are warnings at most. {@code docs/diagnostics.md} lists each
 * code's severity and why.
 */
public enum Severity {
  /**
   * The schedule or config cannot be used as written: no formula takes it, or upstream itself
   * refuses it (the message then gives upstream's reason). Never suppressed.
   */
  ERROR,
  /**
   * Upstream runs it, but it is probably a mistake (a warm-up longer than the run, a value upstream
   * overrides, a key upstream does not read): the message says what upstream will do and the likely
   * fix. Fails {@code anneal validate --strict} and a {@code -Werror} build.
   */
  WARNING,
  /**
   * Nothing to fix: upstream's own behaviour that no sensible edit of a faithful config changes
   * (DeepSpeed's first two updates at {@code warmup_min_lr}, a first update at lr 0), a default
   * upstream applies that the config does not write, or a setting that is read but does not change
   * any schedule. Never fails a check or a {@code -Werror} build.
   */
  NOTE
}
