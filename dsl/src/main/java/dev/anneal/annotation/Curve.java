package dev.anneal.annotation;

/**
 * The shape of one {@link PhaseSpec}, with the attributes each takes. "From" defaults to the value the
 * previous phase ended on (the first phase must give it); attributes a curve does not list are
 * refused at compile time.
 */
public enum Curve {
  /** {@code value} at every step; {@code value} defaults to the previous phase's end. */
  CONSTANT,
  /** A straight line {@code from → to}. */
  LINEAR,
  /** A cosine {@code from → to}; {@code cycles} (default 0.5, half a period). */
  COSINE,
  /** {@code from * rate^t}; {@code rate} required. */
  EXPONENTIAL,
  /** Log-linear {@code from → to}, both greater than 0. */
  EXPONENTIAL_TO,
  /** {@code to + (from - to) * (1 - t/n)^power}; {@code power} defaults to 1. */
  POLYNOMIAL,
  /** The WSD cool-down {@code to + (from - to) * (1 - sqrt(t/n))}. */
  ONE_MINUS_SQRT,
  /** {@code max(floor, from / sqrt((t + timescale) / timescale))}; {@code timescale} required, {@code floor} 0. */
  INVERSE_SQRT,
  /** {@code from * factor^floor(t / every)}; {@code every} and {@code factor} required. */
  STEP,
  /** {@code from * factor^(milestones passed)}; {@code milestones} (phase-local steps) and {@code factor} required. */
  MILESTONES,
  /**
   * PyTorch's {@code CyclicLR} between {@code from} (base) and {@code peak} (max), {@code up} and
   * {@code down} steps; {@code cyclicMode} (default triangular), {@code gamma} (default 1),
   * {@code mirrored} (default false: the momentum form).
   */
  CYCLIC,
  /** SGDR from {@code from} down to {@code floor} (default 0), periods {@code t0}, {@code t0 * tMult}, … ({@code tMult} default 1). */
  COSINE_RESTARTS,
  /**
   * PyTorch's {@code OneCycleLR} over the phase: {@code from → peak → to}; {@code pctStart}
   * (default 0.3), {@code anneal} (default cosine), {@code threePhase} (default false).
   */
  ONE_CYCLE,
  /**
   * A reactive {@code ReduceLROnPlateau} phase from {@code from}: {@code factor} (default 0.1),
   * {@code patience} (default 10), {@code floor} (PyTorch's {@code min_lr}, default 0); the other
   * settings are PyTorch's defaults.
   */
  PLATEAU
}
