package dev.anneal.cli.audit;

/**
 * When a logged value counts as the curve's: within max({@link #ABSOLUTE}, {@code relative} × |the
 * curve's value|), the bound the golden tests hold Anneal to (max(1e-12, 1e-9 × |value|)) unless
 * {@code --rtol} widens it for a log written with few digits.
 *
 * @param relative the relative part of the bound, at least 0 and below 1
 */
public record Tolerance(double relative) {
  /** The absolute floor of the bound, as in the golden tests. */
  public static final double ABSOLUTE = 1e-12;

  /** The golden tests' relative bound, the default. */
  public static final double GOLDEN_RELATIVE = 1e-9;

  public Tolerance {
    if (!(relative >= 0 && relative < 1)) {
      throw new IllegalArgumentException("relative tolerance " + relative + " is not in [0, 1)");
    }
  }

  /** Whether {@code logged} is {@code expected} within the bound; a NaN expected value (no curve there) never matches. */
  public boolean matches(double logged, double expected) {
    return !Double.isNaN(expected) && Math.abs(logged - expected) <= Math.max(ABSOLUTE, relative * Math.abs(expected));
  }
}
