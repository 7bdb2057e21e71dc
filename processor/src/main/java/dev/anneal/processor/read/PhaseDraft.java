package dev.anneal.processor.read;

import dev.anneal.annotation.Curve;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code @PhaseSpec} as written.
 *
 * @param curve its shape
 * @param attributes every attribute given explicitly except {@code shape} and {@code milestones}:
 *     expressions as written, enum attributes by constant name, booleans as {@code true}/{@code false}
 * @param milestones the milestones, each with its own position, if given
 * @param where the {@code @PhaseSpec} annotation (the value that holds it, inside the top annotation)
 */
public record PhaseDraft(Curve curve, Map<String, Located<String>> attributes, Optional<Located<List<Located<String>>>> milestones, Site where) {
  public PhaseDraft {
    attributes = Map.copyOf(attributes);
  }
}
