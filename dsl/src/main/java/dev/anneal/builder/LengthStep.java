package dev.anneal.builder;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.ScaledUnit;
import dev.anneal.geometry.Unit;
import java.util.Objects;

/** A phase whose shape is chosen and whose length is still to come. Immutable. */
public final class LengthStep {
  private final Draft before;
  private final ShapeRecipe shape;

  LengthStep(Draft before, ShapeRecipe shape) {
    this.before = before;
    this.shape = shape;
  }

  /**
   * The phase lasts {@code steps} updates: at least 1 and less than {@link Long#MAX_VALUE}, checked
   * in {@link Draft#build()} (use {@link #forever()} for a phase that never ends).
   */
  public Draft over(long steps) {
    return before.append(shape, steps, null);
  }

  /**
   * The phase lasts {@code length}, in any unit: {@code over(Length.tokens(375_000_000))}. A unit
   * other than updates is resolved when the schedule is built against a geometry ({@link
   * Draft#build(RunGeometry)}); {@link Draft#build()} refuses it.
   */
  public Draft over(Length length) {
    return before.append(shape, null, Objects.requireNonNull(length, "length"));
  }

  /** The phase lasts {@code amount} of {@code unit}: {@code over(3, EPOCHS)}; see {@link #over(Length)}. */
  public Draft over(double amount, Unit unit) {
    return over(Length.of(amount, unit));
  }

  /** The phase lasts {@code amount} thousands, millions, … of a unit: {@code over(375, TOKENS.millions())}; see {@link #over(Length)}. */
  public Draft over(double amount, ScaledUnit unit) {
    return over(Length.of(amount, unit));
  }

  /** The phase never ends; only a last phase may, and only for shapes with an open-ended formula. */
  public Draft forever() {
    return before.append(shape, null, null);
  }
}
