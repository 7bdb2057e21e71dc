package dev.anneal.processor.describe;

import dev.anneal.annotation.Curve;
import java.util.Map;

/**
 * One phase of a generated schedule: its formula's constants by role and its options.
 *
 * @param fields the constant playing each role of the curve's formula: {@code from}, {@code
 *     delta}, {@code milestone0}, {@code level0}, …, and {@code steps} and {@code boundary} (the step at
 *     which the phase ends)
 * @param options the curve's non-numeric settings by model field: {@code mode}, {@code mirrored},
 *     {@code anneal}, {@code threePhase}
 * @param milestones how many milestones a milestones phase has
 * @param open whether the phase never ends
 */
public record PhaseCode(int index, Curve curve, Map<String, String> fields, Map<String, Object> options, int milestones, boolean open, ShapeCall shape) {
  public PhaseCode {
    fields = Map.copyOf(fields);
    options = Map.copyOf(options);
  }

  /** The curve as generated Javadoc spells it: {@code one-minus-sqrt}. */
  public String curveName() {
    return Words.curve(curve);
  }

  /** The constant playing {@code role}. */
  public String field(String role) {
    String name = fields.get(role);
    if (name == null) {
      throw new IllegalStateException("phase " + index + " (" + curve + ") has no constant for " + role);
    }
    return name;
  }
}
