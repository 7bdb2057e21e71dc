package dev.anneal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.rules.Violation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option of {@code curve}, {@code validate}, {@code explain}, {@code diff}, {@code resume-check},
 * {@code find-lr} and {@code audit}, and the writing of the one document it prints on standard output for scripts.
 * A picocli mixin. The schema, its version and what still goes to standard error are documented in
 * docs/json-output.md; every document starts with {@code "anneal": VERSION} and the command's name.
 */
final class JsonOutput {
  /**
   * The version of the documents' schema: raised when a field is removed or changes meaning, not
   * when one is added, so a script that checks it keeps working as fields are added.
   */
  static final int VERSION = 1;

  /** Indented, {@code "key": value} as people write it, so a document reads well in a terminal too. */
  private static final ObjectMapper MAPPER = new ObjectMapper().setDefaultPrettyPrinter(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))).enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--json",
      description = "Print one JSON document on standard output instead of text, for scripts: the results and every diagnostic "
          + "(schema version " + VERSION + ", docs/json-output.md). Problems that stop the command still go to standard error.")
  private boolean enabled;

  /** Whether {@code --json} is given. */
  boolean enabled() {
    return enabled;
  }

  /** A new document of {@code command}: {@code {"anneal": 1, "command": command}}, to be filled. */
  static ObjectNode document(String command) {
    ObjectNode document = MAPPER.createObjectNode();
    document.put("anneal", VERSION);
    document.put("command", command);
    return document;
  }

  /**
   * {@code violations} as the array {@code diagnostics}, added to {@code parent}, each with the
   * file it is about ({@code null} for a problem of an option).
   */
  static ArrayNode diagnostics(ObjectNode parent, Path file, List<Violation> violations) {
    ArrayNode array = parent.putArray("diagnostics");
    violations.forEach(violation -> add(array, file, violation));
    return array;
  }

  /** {@code violation} as one more element of {@code diagnostics}. */
  static void add(ArrayNode diagnostics, Path file, Violation violation) {
    ObjectNode diagnostic = diagnostics.addObject();
    diagnostic.put("file", file == null ? null : file.toString());
    diagnostic.put("code", violation.code().id());
    diagnostic.put("severity", violation.severity().name().toLowerCase(Locale.ROOT));
    diagnostic.put("path", violation.path());
    diagnostic.put("message", violation.message());
  }

  /**
   * {@code value} as JSON: numbers, strings, booleans and lists of them as such, an enum by its name,
   * anything else by its text.
   */
  static JsonNode value(Object value) {
    if (value == null || value instanceof Number || value instanceof CharSequence || value instanceof Boolean
        || value instanceof Enum<?> || value instanceof Collection<?>) {
      return MAPPER.valueToTree(value);
    }
    return MAPPER.getNodeFactory().textNode(String.valueOf(value));
  }

  /** Prints {@code document} on {@code out}, followed by a line break, and flushes. */
  static void print(PrintWriter out, ObjectNode document) {
    try {
      out.println(MAPPER.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; reaching here is a bug, reported as one.
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
