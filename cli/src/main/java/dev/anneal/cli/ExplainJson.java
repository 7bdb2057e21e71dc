package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Explanation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code explain --json}: the document of docs/json-output.md, built from what the text prints. */
final class ExplainJson {
  private ExplainJson() {}

  /**
   * @param file the config as messages name it
   * @param explanations each channel explained, in the order printed
   * @param diagnostics the note on a detected format and the config's diagnostics about those channels
   */
  static ObjectNode document(Path file, Imported imported, long step, Map<String, Explanation> explanations, List<Violation> diagnostics) {
    ObjectNode document = JsonOutput.document("explain");
    document.put("file", file.toString());
    document.put("format", imported.format());
    document.put("step", step);
    ObjectNode channels = document.putObject("channels");
    explanations.forEach((name, explanation) -> {
      ObjectNode channel = channels.putObject(name);
      channel.put("openEnded", imported.plan().channel(name).declaredEnd().isEmpty());
      fill(channel, explanation);
    });
    JsonOutput.diagnostics(document, file, diagnostics);
    return document;
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
