package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of updates, epochs, samples or tokens: a phase's length as a paper or a config states
 * it. It becomes a number of updates only against a {@link RunGeometry} ({@link
 * RunGeometry#updates(Length, String)}).
 *
 * <p>The amount is exact decimal: {@code Length.of(66.88, TOKENS.millions())} is 66,880,000 tokens
 * (the decimal written, multiplied exactly), not Megatron's binary-float 66,879,999.
 *
 * @param amount how many, greater than 0; a whole number for every unit but epochs
 * @param unit the unit
 */
public record Length(BigDecimal amount, Unit unit) {

  /**
   * @throws InvalidScheduleException ({@code NotPositive}) if {@code amount <= 0}, ({@code
   *     OutOfRange}) if it is not whole in a whole unit
   */
  public Length {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(unit, "unit");
    amount = amount.stripTrailingZeros();
    if (amount.signum() <= 0) {
      throw new InvalidScheduleException(RuleCode.notPositive("steps", unit.jsonName(), amount.toPlainString()));
    }
    if (unit.isWhole() && amount.scale() > 0) {
      throw new InvalidScheduleException(RuleCode.outOfRange("steps", unit.jsonName(), amount.toPlainString(),
          "the whole numbers from 1 (only epochs may be fractional)"));
    }
  }

  /**
   * {@code amount} of {@code unit}; the double's shortest decimal form is the amount ({@code 375e6}
   * is 375,000,000 exactly).
   *
   * @throws InvalidScheduleException as the constructor, and ({@code NonFiniteValue}) for NaN or infinity
   */
  public static Length of(double amount, Unit unit) {
    return new Length(decimal(amount), unit);
  }

  /** {@code amount} thousands, millions, … of a unit: {@code Length.of(375, TOKENS.millions())}. */
  public static Length of(double amount, ScaledUnit scaled) {
    return new Length(decimal(amount).multiply(scaled.multiplier()), scaled.unit());
  }

  /** {@code updates} optimizer updates. */
  public static Length updates(long updates) {
    return new Length(BigDecimal.valueOf(updates), Unit.UPDATES);
  }

  /** {@code epochs} epochs; fractional epochs are allowed (the Trainer's {@code num_train_epochs=2.5}). */
  public static Length epochs(double epochs) {
    return of(epochs, Unit.EPOCHS);
  }

  /** {@code samples} training examples. */
  public static Length samples(long samples) {
    return new Length(BigDecimal.valueOf(samples), Unit.SAMPLES);
  }

  /** {@code tokens} tokens. */
  public static Length tokens(long tokens) {
    return new Length(BigDecimal.valueOf(tokens), Unit.TOKENS);
  }

  /**
   * The amount as a whole count, for a whole unit.
   *
   * @throws ArithmeticException if it exceeds a {@code long}
   */
  public long count() {
    return amount.longValueExact();
  }

  /** The length as written, e.g. {@code 375000000 tokens}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + unit.jsonName();
  }

  private static BigDecimal decimal(double amount) {
    if (!Double.isFinite(amount)) {
      throw new InvalidScheduleException(RuleCode.nonFiniteValue("steps", "length", amount));
    }
    return BigDecimal.valueOf(amount);
  }
}
