package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Explanation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code explain --json}: the document of docs/json-output.md, built from what the text prints. */
final class ExplainJson {
  private ExplainJson() {}

  /**
   * @param file the config as messages name it
   * @param explanations each channel explained, in the order printed
   * @param diagnostics the note on a detected format and the config's diagnostics about those channels
   * @param geometry the config's run geometry, empty when it has none
   * @param declared the lengths the config wrote for each phase
   */
  static ObjectNode document(Path file, Imported imported, long step, Map<String, Explanation> explanations, List<Violation> diagnostics,
      Optional<RunGeometry> geometry, DeclaredLengths declared) {
    ObjectNode document = JsonOutput.document("explain");
    document.put("file", file.toString());
    document.put("format", imported.format());
    document.put("step", step);
    List<Unit> units = geometry.map(ExplainUnits::unitsOf).orElse(List.of());
    if (geometry.isEmpty()) {
      document.putNull("units");
    } else {
      ObjectNode at = document.putObject("units");
      at.put("updates", step);
      units.forEach(unit -> putAmount(at, unit.jsonName(), geometry.get(), unit, step));
    }
    ObjectNode channels = document.putObject("channels");
    explanations.forEach((name, explanation) -> {
      ObjectNode channel = channels.putObject(name);
      Schedule schedule = imported.plan().channel(name);
      channel.put("openEnded", schedule.declaredEnd().isEmpty());
      fill(channel, explanation);
      ArrayNode phases = channel.putArray("phases");
      for (ExplainUnits.PhaseRange range : ExplainUnits.phases(schedule)) {
        phase(phases.addObject(), range, geometry, units, declared.of(name, range.index()), schedule);
      }
    });
    JsonOutput.diagnostics(document, file, diagnostics);
    return document;
  }

  /** One phase: its updates, the length its config wrote, and its range in each unit of the geometry. */
  private static void phase(ObjectNode node, ExplainUnits.PhaseRange range, Optional<RunGeometry> geometry, List<Unit> units,
      Optional<DeclaredLengths.Declared> declared, Schedule schedule) {
    boolean open = range.to() == Phase.OPEN;
    node.put("phase", "phases[" + range.index() + "]");
    node.put("from", range.from());
    if (open) {
      node.putNull("to");
    } else {
      node.put("to", range.to());
    }
    if (declared.isEmpty()) {
      node.putNull("declared");
    } else {
      ObjectNode written = node.putObject("declared");
      written.put("unit", declared.get().unit() != null ? declared.get().unit() : bareUnit(schedule, range));
      putExact(written, "amount", declared.get().amount());
    }
    if (geometry.isEmpty()) {
      node.putNull("in");
      return;
    }
    ObjectNode in = node.putObject("in");
    for (Unit unit : units) {
      ObjectNode span = in.putObject(unit.jsonName());
      try {
        putAmount(span, "from", geometry.get(), unit, range.from());
        if (open) {
          span.putNull("to");
        } else {
          putAmount(span, "to", geometry.get(), unit, range.to());
        }
      } catch (InvalidScheduleException | ArithmeticException e) {
        // Past the 64-bit range of samples: the geometry cannot say, as the text's line leaves it out.
        in.putNull(unit.jsonName());
      }
    }
  }

  /** What a bare count counts: updates, or the schedule's own steps under a cadence (epochs, or steps of N updates). */
  private static String bareUnit(Schedule schedule, ExplainUnits.PhaseRange range) {
    if (range.updatesPerStep() == 1 && !(schedule instanceof Stepped)) {
      return Unit.UPDATES.jsonName();
    }
    return schedule instanceof Stepped stepped && stepped.cadence() instanceof Cadence.PerEpoch ? Unit.EPOCHS.jsonName() : "steps";
  }

  private static void putAmount(ObjectNode node, String field, RunGeometry geometry, Unit unit, long updates) {
    putExact(node, field, geometry.amountIn(unit, updates));
  }

  /** An exact amount: a whole one as an integer ({@code 90}, never {@code 9E+1}), any other as its plain decimal. */
  private static void putExact(ObjectNode node, String field, BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      node.put(field, stripped.toBigIntegerExact());
    } else {
      node.put(field, new BigDecimal(stripped.toPlainString()));
    }
  }

  /** One explanation's fields; a composite's parts nest the same fields. */
  private static void fill(ObjectNode node, Explanation explanation) {
    node.put("value", explanation.value());
    if (explanation.phase().isEmpty()) {
      node.putNull("phase");
      node.putNull("localStep");
    } else {
      node.put("phase", explanation.phase());
      node.put("localStep", explanation.localStep());
    }
    node.put("shape", explanation.shape());
    node.put("name", explanation.name());
    node.put("formula", explanation.formula());
    ObjectNode inputs = node.putObject("inputs");
    new TreeMap<>(explanation.inputs()).forEach((name, value) -> inputs.set(name, JsonOutput.value(value)));
    if (explanation.note().isEmpty()) {
      node.putNull("note");
    } else {
      node.put("note", explanation.note());
    }
    ArrayNode parts = node.putArray("parts");
    explanation.parts().forEach(part -> fill(parts.addObject(), part));
  }
}
