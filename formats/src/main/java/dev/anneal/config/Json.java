package dev.anneal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anneal.rules.InvalidScheduleException;

/**
 * Parses config text into a Jackson tree, strictly: a key given twice in one object is a {@code
 * [DuplicateKey]} error that names both lines (every reader parses here, so none can keep the last
 * value silently; a format whose system keeps the last value, as Python's {@code json} does, warns
 * instead: {@link JsonConfigFormat#lastOfDuplicateKeysWinsIn()}), trailing content is an error, nesting depth and sizes are bounded, and a syntax
 * error becomes a {@code [InvalidJson]} violation that names the line and column. Fractional
 * numbers keep their decimal text (see {@link ExactDoubleNode}) so that integer fields are read
 * exactly. {@code NaN} and {@code Infinity} (which Python's
 * {@code json} writes) are parsed so that the readers can reject them with the key's path.
 */
public final class Json {
  /** Deeper than any real config; bounds the stack a hostile input can take. */
  static final int MAX_NESTING_DEPTH = 64;

  static final int MAX_NUMBER_LENGTH = 400;

  static final int MAX_STRING_LENGTH = 1 << 20;

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
  }

  private Json() {}

  /**
   * @throws InvalidScheduleException ({@code EmptyInput}) if {@code text} is blank, ({@code
   *     InvalidJson}) if it is not one JSON value,
   *     ({@code DuplicateKey}) with every key given more than once in the same object
   */
  public static JsonNode parse(String text) {
    JsonTree.Read read = parseKeepingDuplicates(text);
    if (!read.duplicates().isEmpty()) {
      throw new InvalidScheduleException(read.duplicates().stream().map(JsonTree.Duplicate::violation).toList());
    }
    return read.root();
  }

  /**
   * As {@link #parse}, but a key given twice is handed back with the tree (which holds its last
   * value) instead of refused: the caller decides, as the system it reads for does.
   */
  static JsonTree.Read parseKeepingDuplicates(String text) {
    text = withoutByteOrderMark(text);
    if (text.isBlank()) {
      throw new InvalidScheduleException(ConfigCode.emptyInput());
    }
    JsonParser parser = null;
    try {
      parser = MAPPER.createParser(text);
      return JsonTree.read(parser);
    } catch (StreamConstraintsException e) {
      // Jackson's exception for its read limits carries no location, and names its own API: say where the parser stopped.
      JsonLocation where = parser.currentLocation();
      throw new InvalidScheduleException(ConfigCode.invalidJson(where.getLineNr(), where.getColumnNr(),
          e.getOriginalMessage().replaceAll(", from `[^`]*`", "")
              + "; Anneal reads configs nested at most " + MAX_NESTING_DEPTH + " deep, with numbers of at most " + MAX_NUMBER_LENGTH
              + " digits and strings of at most " + MAX_STRING_LENGTH + " characters"));
    } catch (JsonProcessingException e) {
      // Jackson's syntax errors carry their location; should one not, the parser knows where it stopped.
      JsonLocation where = e.getLocation() != null ? e.getLocation() : parser != null ? parser.currentLocation() : JsonLocation.NA;
      throw new InvalidScheduleException(ConfigCode.invalidJson(where.getLineNr(), where.getColumnNr(), JsonSyntaxMessages.clean(e.getOriginalMessage())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading a string cannot fail: " + e.getMessage(), e);
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (java.io.IOException e) {
          // Closing a parser over a string releases buffers only.
        }
      }
    }
  }

  /**
   * {@code text} without the UTF-8 byte order mark that Windows editors put at the start of a file
   * (Python's {@code json} refuses it, but {@code open(encoding="utf-8-sig")} and most tools skip it).
   */
  public static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Parses and requires an object at the top. */
  public static JsonFields parseObject(String text, Problems problems) {
    return object(parse(text), problems);
  }

  /** The fields of {@code root}, which must be an object. */
  static JsonFields object(JsonNode root, Problems problems) {
    if (!root.isObject()) {
      throw new InvalidScheduleException(ConfigCode.wrongType("", JsonFields.describe(root), "a JSON object at the top", JsonFields.describe(root)));
    }
    return new JsonFields(root, "", problems);
  }
}
