package dev.anneal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A typed, path-aware view of one JSON object of a config. Every accessor records the key as
 * consumed; a wrong type, a missing key or a non-finite number becomes a violation with the key's
 * JSON path (e.g. {@code scheduler.kwargs.step_size}) in the shared {@link Problems}, and the
 * accessor returns the default so reading goes on.
 *
 * <p>Nothing a config gives may be dropped without a word. Each key present ends in one of three
 * ways: an accessor consumes it (the reader honours it, or refuses it with upstream's reason), {@link
 * #ignored} reports it as an {@code IgnoredSetting} note with the reason it does not change the
 * schedule, or {@link #rejectUnknownKeys()} refuses it as an {@code UnknownKey} with a "did you
 * mean". The record of consumed keys is kept per object for the whole parse, shared by every view
 * of the same object, and {@link JsonConfigFormat} settles every object no reader settled after a
 * successful read, so a key cannot be forgotten.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final KeyLedger ledger;
  private final Set<String> known;

  /** The root of a parse: a new record of consumed keys. */
  JsonFields(JsonNode node, String path, Problems problems) {
    this(node, path, problems, new KeyLedger());
  }

  private JsonFields(JsonNode node, String path, Problems problems, KeyLedger ledger) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    this.ledger = ledger;
    this.known = ledger.consumed(node);
    ledger.register(this, node);
  }

  /**
   * A view of {@code node}, which must be an object, at {@code path}, with a record of its own
   * (for objects that are not part of a parsed config, such as the empty object a reader reads
   * defaults from).
   */
  public static JsonFields of(JsonNode node, String path, Problems problems) {
    return new JsonFields(node, path, problems);
  }

  /** The JSON path of {@code key} in this object. */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The JSON path of this object. */
  public String path() {
    return path;
  }

  public Problems problems() {
    return problems;
  }

  /** Whether {@code key} is present (and not null); the key counts as known. */
  public boolean has(String key) {
    known.add(key);
    return node.hasNonNull(key);
  }

  /**
   * Declares keys as consumed without reading them: only for keys a violation names already (an
   * unknown optimizer type makes its arguments meaningless; a warning explains the key), so that
   * they are not reported a second time. A key that is read and dropped on purpose goes through
   * {@link #ignored} instead, which says so.
   */
  public void allow(String... keys) {
    known.addAll(List.of(keys));
  }

  /**
   * Consumes {@code key} as a setting that is known but does not change the schedule: when it is
   * present (and not null) an {@code IgnoredSetting} note is added at its path, e.g. {@code
   * [IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule}.
   * Returns whether the note was added.
   *
   * @param reason why the setting does not change the schedule (lowercase, no final period)
   */
  public boolean ignored(String key, String reason) {
    known.add(key);
    if (!node.hasNonNull(key)) {
      return false;
    }
    problems.add(ConfigCode.ignoredSetting(path(key), shown(node.get(key)), reason));
    return true;
  }

  /**
   * The keys present that no accessor of any view of this object has consumed, in the order
   * written; the caller takes charge of them (refuses or reports each), so the object counts as
   * settled.
   */
  public List<String> unconsumed() {
    ledger.markSettled(node);
    List<String> left = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        left.add(name);
      }
    }
    return left;
  }

  /** Whether a reader has settled this object ({@link #unconsumed()} or {@link #rejectUnknownKeys()}). */
  public boolean isSettled() {
    return ledger.isSettled(node);
  }

  /** Whether an accessor of any view of this object has consumed {@code key} so far. */
  public boolean consumed(String key) {
    return known.contains(key);
  }

  /**
   * The raw node, or {@code null}, without counting the key as consumed: for a reader that hands
   * every key on (an optimizer's keyword arguments, which {@code anneal train} applies or refuses)
   * while the format's table still decides what the schedule reader says about it.
   */
  public JsonNode peek(String key) {
    return node.get(key);
  }

  /** The raw node, or {@code null}; the key counts as known. */
  public JsonNode raw(String key) {
    known.add(key);
    return node.get(key);
  }

  public double requireDouble(String key) {
    return has(key) ? doubleAt(key, node.get(key), Double.NaN) : missing(key, Double.NaN);
  }

  public double optDouble(String key, double fallback) {
    return has(key) ? doubleAt(key, node.get(key), fallback) : fallback;
  }

  public long requireLong(String key) {
    return has(key) ? longAt(path(key), node.get(key), 0) : missing(key, 0L);
  }

  public long optLong(String key, long fallback) {
    return has(key) ? longAt(path(key), node.get(key), fallback) : fallback;
  }

  public boolean optBoolean(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      return wrongType(path(key), "true or false", value, fallback);
    }
    return value.booleanValue();
  }

  public String requireString(String key) {
    return has(key) ? stringAt(key, null) : missing(key, null);
  }

  public String optString(String key, String fallback) {
    return has(key) ? stringAt(key, fallback) : fallback;
  }

  /**
   * A string that must be one of {@code allowed} (compared as written), or {@code fallback} when
   * absent; otherwise an {@code UnknownType} violation with a "did you mean".
   */
  public String optChoice(String key, List<String> allowed, String fallback) {
    String value = optString(key, fallback);
    if (value != null && !allowed.contains(value)) {
      problems.add(ConfigCode.unknownType(path(key), key, value, DidYouMean.hint(value, allowed)));
      return fallback;
    }
    return value;
  }

  /** A list of numbers, or {@code fallback} when absent. */
  public List<Double> optDoubles(String key, List<Double> fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      return wrongType(path(key), "a list of numbers", value, fallback);
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(doubleAtPath(path(key) + "[" + i + "]", value.get(i), Double.NaN));
    }
    return out;
  }

  /** A list of integers, or {@code fallback} when absent. */
  public List<Long> optLongs(String key, List<Long> fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      return wrongType(path(key), "a list of integers", value, fallback);
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(longAt(path(key) + "[" + i + "]", value.get(i), 0));
    }
    return out;
  }

  /** A nested object, or {@code null} (with a violation) if absent or not an object. */
  public JsonFields requireObject(String key) {
    if (!has(key)) {
      return missing(key, null);
    }
    return objectAt(key);
  }

  /** A nested object, or {@code null} if absent. */
  public JsonFields optObject(String key) {
    return has(key) ? objectAt(key) : null;
  }

  /** The objects of a list, each with its path {@code key[i]}. */
  public List<JsonFields> requireObjects(String key) {
    if (!has(key)) {
      return missing(key, List.of());
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      return wrongType(path(key), "a list of objects", value, List.of());
    }
    List<JsonFields> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String at = path(key) + "[" + i + "]";
      if (value.get(i).isObject()) {
        out.add(new JsonFields(value.get(i), at, problems, ledger));
      } else {
        wrongType(at, "an object", value.get(i), null);
      }
    }
    return out;
  }

  /** Every key present, in order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * Refuses every key that no accessor asked for, each with a "did you mean" among the consumed
   * keys, and settles the object.
   */
  public void rejectUnknownKeys() {
    for (String name : unconsumed()) {
      problems.add(ConfigCode.unknownKey(path(name), name, DidYouMean.hint(name, known)));
    }
  }

  /** Settles every object of this parse that no reader settled (see {@link KeyLedger#settle()}). */
  void settleAll() {
    ledger.settle();
  }

  /**
   * Builds a model object from values read here, turning the model's rule violations into
   * violations of this config: each model field in {@code fieldToKey} is reported at the key the
   * user wrote ({@code every} → {@code step_size}). Returns {@code null} if construction failed.
   */
  public <T> T build(Supplier<T> constructor, Map<String, String> fieldToKey) {
    try {
      return constructor.get();
    } catch (InvalidScheduleException e) {
      for (Violation violation : e.violations()) {
        problems.add(relocate(violation, fieldToKey));
      }
      for (Violation warning : e.warnings()) {
        problems.add(relocate(warning, fieldToKey));
      }
      return null;
    }
  }

  /** A model violation moved to the config key its field came from (see {@link #build}). */
  public Violation relocate(Violation violation, Map<String, String> fieldToKey) {
    String modelPath = violation.path();
    String field = modelPath.substring(modelPath.lastIndexOf('.') + 1);
    String key = fieldToKey.get(field);
    if (key != null) {
      return violation.relocated(path(key), field, key);
    }
    return violation.relocated(path.isEmpty() ? modelPath : modelPath.isEmpty() ? path : path + "." + modelPath, null, null);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private JsonFields objectAt(String key) {
    JsonNode value = node.get(key);
    if (!value.isObject()) {
      return wrongType(path(key), "an object", value, null);
    }
    return new JsonFields(value, path(key), problems, ledger);
  }

  private double doubleAt(String key, JsonNode value, double fallback) {
    return doubleAtPath(path(key), value, fallback);
  }

  private double doubleAtPath(String at, JsonNode value, double fallback) {
    if (!value.isNumber()) {
      return wrongType(at, "a number", value, fallback);
    }
    double result = value.doubleValue();
    if (!Double.isFinite(result)) {
      problems.add(RuleCode.nonFiniteValue(at, lastKey(at), describe(value)));
      return fallback;
    }
    return result;
  }

  private long longAt(String at, JsonNode value, long fallback) {
    if (!value.isNumber()) {
      return wrongType(at, "an integer", value, fallback);
    }
    if (value.isIntegralNumber()) {
      BigInteger integer = value.bigIntegerValue();
      if (integer.bitLength() > 63) {
        problems.add(RuleCode.outOfRange(at, lastKey(at), describe(value), "the 64-bit step range"));
        return fallback;
      }
      return integer.longValueExact();
    }
    if (!(value instanceof ExactDoubleNode) && !Double.isFinite(value.doubleValue())) {
      // NaN or Infinity, written as such: no decimal value.
      return wrongType(at, "an integer", value, fallback);
    }
    // The number as written (Json keeps it, see ExactDoubleNode), not the nearest double:
    // 9007199254740993.0 is 2^53 + 1, which a double would silently round to 2^53.
    BigDecimal decimal = value.decimalValue();
    if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
      return wrongType(at, "an integer", value, fallback);
    }
    // compareTo looks at the exponents first, so 1e999999999 is refused without expanding it.
    if (decimal.compareTo(LONG_MIN) < 0 || decimal.compareTo(LONG_MAX) > 0) {
      String shown = Double.isFinite(value.doubleValue()) ? describe(value) : decimal.toString();
      problems.add(RuleCode.outOfRange(at, lastKey(at), shown, "the 64-bit step range"));
      return fallback;
    }
    return decimal.longValueExact();
  }

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private String stringAt(String key, String fallback) {
    JsonNode value = node.get(key);
    if (!value.isTextual()) {
      return wrongType(path(key), "a string", value, fallback);
    }
    return value.textValue();
  }

  private <T> T missing(String key, T fallback) {
    problems.add(ConfigCode.missingKey(path(key), "'" + key + "'"));
    return fallback;
  }

  private <T> T wrongType(String at, String expected, JsonNode found, T fallback) {
    problems.add(ConfigCode.wrongType(at, describe(found), expected, describe(found)));
    return fallback;
  }

  private static String lastKey(String at) {
    return at.substring(at.lastIndexOf('.') + 1);
  }

  /** A JSON value as a note shows it: a scalar as written, an object or a list by its kind. */
  private static Object shown(JsonNode value) {
    if (value.isContainerNode()) {
      return value.isArray() ? "a list" : "an object";
    }
    return value.isTextual() ? value.textValue() : value.asText();
  }

  /** A JSON value as a message shows it: its type and, for scalars, the value. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "the string \"" + value.textValue() + "\"";
    }
    if (value.isNumber()) {
      if (value.isFloatingPointNumber()) {
        double number = value.doubleValue();
        return Double.isNaN(number) ? "NaN" : Double.isInfinite(number) ? (number > 0 ? "Infinity" : "-Infinity") : Double.toString(number);
      }
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    return value.isArray() ? "a list" : "an object";
  }
}
