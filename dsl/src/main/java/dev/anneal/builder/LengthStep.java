package dev.anneal.builder;

import dev.anneal.schedule.Shape;

/** A phase whose shape is chosen and whose length is still to come. Immutable. */
public final class LengthStep {
  private final Draft before;
  private final Shape shape;

  LengthStep(Draft before, Shape shape) {
    this.before = before;
    this.shape = shape;
  }

  /**
   * The phase lasts {@code steps} updates: at least 1 and less than {@link Long#MAX_VALUE}, checked
   * in {@link Draft#build()} (use {@link #forever()} for a phase that never ends).
   */
  public Draft over(long steps) {
    return before.append(shape, steps);
  }

  /** The phase never ends; only a last phase may, and only for shapes with an open-ended formula. */
  public Draft forever() {
    return before.append(shape, null);
  }
}
