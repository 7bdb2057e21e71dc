package dev.anneal.config;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;

/**
 * A fractional JSON number that remembers the decimal value written in the text. It behaves as
 * Jackson's {@link DoubleNode} of the nearest double everywhere, except that {@link
 * #decimalValue()} is the exact decimal: {@code 9007199254740993.0} is 2^53 + 1 there, not the
 * double 2^53 it rounds to, so an integer field can read it exactly or refuse it.
 */
final class ExactDoubleNode extends DoubleNode {
  private static final long serialVersionUID = 1L;

  private final BigDecimal decimal;

  ExactDoubleNode(double value, BigDecimal decimal) {
    super(value);
    this.decimal = decimal;
  }

  /** The number as written, not as the double it rounds to. */
  @Override
  public BigDecimal decimalValue() {
    return decimal;
  }
}
