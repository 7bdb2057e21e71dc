package dev.anneal.processor.describe;

import dev.anneal.schedule.Shape;
import java.util.List;

/**
 * A call of a model shape's constructor, as the generated code writes it to build the equivalent
 * interpreted schedule: {@code new Linear(PHASE0_FROM, PHASE0_TO)}.
 *
 * @param args each a field name ({@link String}), a list of field names, an enum constant, a
 *     boolean, or a number
 */
public record ShapeCall(Class<? extends Shape> shape, List<Object> args) {
  public ShapeCall {
    args = List.copyOf(args);
  }
}
