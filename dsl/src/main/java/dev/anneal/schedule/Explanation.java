package dev.anneal.schedule;

import dev.anneal.rules.Values;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a schedule arrived at its value at one step: the phase (by path), the local step within it,
 * the shape, its formula and the inputs it used. Composite schedules list their parts.
 *
 * @param step the global step asked about
 * @param value the value at that step
 * @param phase the path of the phase that gave it, e.g. {@code phases[1]}; empty for composites
 * @param localStep the step within that phase (t)
 * @param shape the shape's kind, as configs name it, or the composite's ({@code product}, {@code scaled})
 * @param name the shape as a person who trains models names it ({@code linear decay}, {@code cosine
 *     decay (continued)}; see {@link ShapeNames}), never the model's wrappers; the composite's kind for composites
 * @param formula the formula in words
 * @param inputs the parameters and t, n that entered the formula
 * @param parts the explanations of a composite's parts
 * @param note what else applied (after-end policy, held value), or empty
 */
public record Explanation(
    long step,
    double value,
    String phase,
    long localStep,
    String shape,
    String name,
    String formula,
    Map<String, Object> inputs,
    List<Explanation> parts,
    String note) {

  public Explanation {
    inputs = Map.copyOf(inputs);
    parts = List.copyOf(parts);
  }

  @Override
  public String toString() {
    return render("");
  }

  private String render(String indent) {
    StringBuilder out = new StringBuilder();
    out.append(indent).append("step ").append(step).append(": ").append(Values.show(value));
    if (!phase.isEmpty()) {
      out.append(" from ").append(phase).append(" (").append(name).append(", local step ").append(localStep).append(')');
    } else {
      out.append(" (").append(name).append(')');
    }
    out.append('\n').append(indent).append("  formula: ").append(formula);
    if (!inputs.isEmpty()) {
      out.append('\n').append(indent).append("  inputs: ");
      out.append(
          inputs.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + Values.show(e.getValue()))
              .collect(Collectors.joining(", ")));
    }
    if (!note.isEmpty()) {
      out.append('\n').append(indent).append("  note: ").append(note);
    }
    for (Explanation part : parts) {
      out.append('\n').append(part.render(indent + "  "));
    }
    return out.toString();
  }
}
