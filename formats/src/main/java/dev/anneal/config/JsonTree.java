package dev.anneal.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the tree of one JSON value from a parser's tokens, keeping two things Jackson's own tree
 * reader drops: the line of every key, so that a key given twice can be refused with both lines
 * (Jackson's duplicate detection names only the second), and the decimal text of every fractional
 * number ({@link ExactDoubleNode}), so that an integer field reads {@code 9007199254740993.0}
 * exactly instead of the nearest double.
 */
final class JsonTree {
  private final JsonParser parser;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final List<Duplicate> duplicates = new ArrayList<>();

  private JsonTree(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * A key given more than once in one object: its path, the lines it is on, in order, and the last
   * value, which the tree keeps.
   */
  record Duplicate(String path, List<Integer> lines, JsonNode last) {
    /** The error, for a system that refuses the file. */
    Violation violation() {
      return ConfigCode.duplicateKey(path, times(), where(), lines.size() == 2 ? "remove one" : "keep only one");
    }

    /** The warning, for {@code system}, which keeps the last value as Python's {@code json} does. */
    Violation lastWins(String system) {
      return ConfigCode.duplicateKeyLastWins(path, times(), where(), system, last.toString());
    }

    private String times() {
      return lines.size() == 2 ? "twice" : lines.size() + " times";
    }

    private String where() {
      StringBuilder where = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        where.append(i == 0 ? "" : i == lines.size() - 1 ? " and " : ", ").append(lines.get(i));
      }
      return where.toString();
    }
  }

  /** The result: the tree, and every duplicate key found in it, by line. */
  record Read(JsonNode root, List<Duplicate> duplicates) {}

  /**
   * Reads one value and requires the input to end after it.
   *
   * @throws IOException with the parser's message and location on a syntax error or a read limit
   */
  static Read read(JsonParser parser) throws IOException {
    JsonTree tree = new JsonTree(parser);
    JsonNode root = tree.value(parser.nextToken(), "");
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "more content after the end of the JSON value; a config is one JSON value", parser.currentTokenLocation());
    }
    List<Duplicate> found = tree.duplicates.stream()
        .sorted(Comparator.comparing((Duplicate d) -> d.lines().get(0)).thenComparing(d -> d.lines().get(1)))
        .toList();
    return new Read(root, found);
  }

  private JsonNode value(JsonToken token, String path) throws IOException {
    if (token == null) {
      // Jackson reports the end of input itself when a value is missing inside a container.
      throw new JsonParseException(parser, "Unexpected end-of-input: expected a JSON value");
    }
    return switch (token) {
      case START_OBJECT -> object(path);
      case START_ARRAY -> array(path);
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> integer();
      case VALUE_NUMBER_FLOAT -> fractional();
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new JsonParseException(parser, "Unexpected token " + token + ": expected a JSON value");
    };
  }

  private ObjectNode object(String path) throws IOException {
    ObjectNode object = nodes.objectNode();
    Map<String, List<Integer>> lines = new LinkedHashMap<>();
    // nextFieldName, as Jackson's own tree reader calls it, so that syntax errors read the same.
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      int line = parser.currentTokenLocation().getLineNr();
      String at = path.isEmpty() ? key : path + "." + key;
      lines.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
      // The last value stays in the tree, as Jackson and Python's json keep it; Json decides whether that is refused.
      object.set(key, value(parser.nextToken(), at));
    }
    String prefix = path.isEmpty() ? "" : path + ".";
    lines.forEach((key, at) -> {
      if (at.size() > 1) {
        duplicates.add(new Duplicate(prefix + key, List.copyOf(at), object.get(key)));
      }
    });
    return object;
  }

  private ArrayNode array(String path) throws IOException {
    ArrayNode array = nodes.arrayNode();
    int index = 0;
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      array.add(value(token, path + "[" + index++ + "]"));
    }
    return array;
  }

  private JsonNode integer() throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> nodes.numberNode(parser.getIntValue());
      case LONG -> nodes.numberNode(parser.getLongValue());
      default -> nodes.numberNode(parser.getBigIntegerValue());
    };
  }

  private JsonNode fractional() throws IOException {
    double value = parser.getDoubleValue();
    // NaN and Infinity (the only number tokens with an N or an I) have no decimal value; the readers
    // refuse them by their double. 1e400 does have one, although its double is infinite.
    String text = parser.getText();
    boolean nonNumeric = text.indexOf('N') >= 0 || text.indexOf('I') >= 0;
    return nonNumeric ? nodes.numberNode(value) : new ExactDoubleNode(value, parser.getDecimalValue());
  }
}
