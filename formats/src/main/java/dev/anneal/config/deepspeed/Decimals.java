package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;

/**
 * Numbers as the writer puts them into a ds_config: the shortest decimal that reads back as the
 * same double, in plain notation where that is short ({@code 0.0003}, {@code 5.0}), in scientific
 * notation otherwise ({@code 1E-7}); integral values keep their {@code .0} so that Python reads a
 * float where DeepSpeed's default is a float.
 */
final class Decimals {
  private Decimals() {}

  static DecimalNode of(double value) {
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    if (decimal.scale() <= 0) {
      decimal = decimal.setScale(1);
    }
    return DecimalNode.valueOf(decimal);
  }
}
