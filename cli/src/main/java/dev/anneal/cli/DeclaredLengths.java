package dev.anneal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The lengths an Anneal JSON config wrote for a channel's phases, as written: {@code {"tokens":
 * 375e6}}, a bare count, or {@code "forever"}. The model keeps only updates; {@code explain --json}
 * shows each phase in the unit its config gave too, so it reads the text again (the reader has
 * already accepted it).
 */
final class DeclaredLengths {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonNode root;

  private DeclaredLengths(JsonNode root) {
    this.root = root;
  }

  /** The lengths of {@code text}, an Anneal JSON config; none when it cannot be parsed again. */
  static DeclaredLengths of(String text) {
    try {
      return new DeclaredLengths(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      return new DeclaredLengths(null);
    }
  }

  /** No config text to read: every length unknown. */
  static DeclaredLengths none() {
    return new DeclaredLengths(null);
  }

  /**
   * What phase {@code index} of {@code channel} declared: a length in a unit ({@code unit},
   * {@code amount}), a bare count ({@code null} unit), or empty when unknown or {@code "forever"}.
   */
  Optional<Declared> of(String channel, int index) {
    JsonNode schedule = schedule(channel);
    JsonNode steps = schedule == null ? null : schedule.path("phases").path(index).get("steps");
    if (steps == null) {
      return Optional.empty();
    }
    if (steps.isNumber()) {
      return Optional.of(new Declared(null, steps.decimalValue()));
    }
    if (steps.isObject() && steps.size() == 1) {
      String unit = steps.fieldNames().next();
      JsonNode amount = steps.get(unit);
      return amount.isNumber() ? Optional.of(new Declared(unit, amount.decimalValue().stripTrailingZeros())) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The object holding the channel's {@code phases}, through a {@code factor}'s {@code schedule}. */
  private JsonNode schedule(String channel) {
    if (root == null || !root.isObject()) {
      return null;
    }
    // A plan holds the channel by name; a single schedule, which the reader would refuse a key
    // "lr" in, is the plan's lr.
    JsonNode node = root.get(channel);
    if (node == null && "lr".equals(channel)) {
      node = root;
    }
    while (node != null && node.isObject() && !node.has("phases") && node.has("schedule")) {
      node = node.get("schedule");
    }
    return node != null && node.isObject() ? node : null;
  }

  /**
   * A phase's length as its config wrote it.
   *
   * @param unit {@code updates}, {@code epochs}, {@code samples} or {@code tokens}; {@code null} for a bare count
   * @param amount the amount written
   */
  record Declared(String unit, BigDecimal amount) {}
}
