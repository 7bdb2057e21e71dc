package dev.anneal.geometry;

import java.math.BigDecimal;
import java.util.Locale;

/** The units a length is stated in. Only {@link #UPDATES} needs no {@link RunGeometry}. */
public enum Unit {
  /** Optimizer updates: the model's own step. */
  UPDATES,
  /** Passes over the data set: needs updates per epoch, given or derived from the data-set figures. */
  EPOCHS,
  /** Training examples consumed: needs the global batch of every update (a batch size or a batch schedule). */
  SAMPLES,
  /** Tokens consumed: samples times the sequence length, so needs both. */
  TOKENS;

  /** The name Anneal JSON and messages use: {@code updates}, {@code epochs}, {@code samples}, {@code tokens}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether an amount in this unit must be a whole number (every unit but epochs). */
  public boolean isWhole() {
    return this != EPOCHS;
  }

  /** This unit counted in thousands: {@code over(32, TOKENS.thousands())}. */
  public ScaledUnit thousands() {
    return new ScaledUnit(this, BigDecimal.valueOf(1_000L));
  }

  /** This unit counted in millions: {@code over(375, TOKENS.millions())}. */
  public ScaledUnit millions() {
    return new ScaledUnit(this, BigDecimal.valueOf(1_000_000L));
  }

  /** This unit counted in billions: {@code over(260, TOKENS.billions())}. */
  public ScaledUnit billions() {
    return new ScaledUnit(this, BigDecimal.valueOf(1_000_000_000L));
  }

  /** This unit counted in trillions. */
  public ScaledUnit trillions() {
    return new ScaledUnit(this, BigDecimal.valueOf(1_000_000_000_000L));
  }

  /** The unit whose {@link #jsonName()} is {@code name}, or {@code null}. */
  public static Unit byJsonName(String name) {
    for (Unit unit : values()) {
      if (unit.jsonName().equals(name)) {
        return unit;
      }
    }
    return null;
  }
}
