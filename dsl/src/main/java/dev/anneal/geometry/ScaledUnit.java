package dev.anneal.geometry;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A {@link Unit} counted in multiples, such as millions of tokens ({@link Unit#millions()}).
 *
 * @param unit the unit
 * @param multiplier how many units one counts: 1,000 for thousands, and so on
 */
public record ScaledUnit(Unit unit, BigDecimal multiplier) {
  public ScaledUnit {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(multiplier, "multiplier");
  }
}
