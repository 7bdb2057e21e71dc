package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random invalid plans are refused with violations and never evaluated. Each seed draws a valid
 * plan ({@link RandomSchedules}), writes it as Anneal JSON, breaks one thing in one phase (a length
 * of 0 or below, a fractional, textual or overflowing length, a misspelt key, a non-finite, textual,
 * boolean or list value) and reads it back: the reader
 * must refuse it, and one of the errors must carry the expected code at the JSON path of what was
 * broken. The same breakage in the model (a phase of length 0, a NaN value) throws from the
 * constructor, so no schedule exists to evaluate.
 */
class RandomInvalidPlansTest {
  static final int PLANS = 1_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static LongStream seeds() {
    return LongStream.range(0, PLANS).map(i -> 0xBADL * 1_000_003 + i);
  }

  /** One way to break a phase: what to do to it, and the error it must cause. */
  private record Breakage(String field, JsonNode value, Set<DiagnosticCode> codes) {
    Breakage(String field, JsonNode value, DiagnosticCode code) {
      this(field, value, Set.of(code));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aBrokenPhaseIsRefusedAtItsPath(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Plan plan = RandomSchedules.plan(seed);
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(new AnnealFormat().write(plan));
    List<String> phasePaths = new ArrayList<>();
    List<ObjectNode> phases = new ArrayList<>();
    collectPhases(root, "", phasePaths, phases);
    int pick = random.nextInt(phases.size());
    ObjectNode phase = phases.get(pick);
    String path = phasePaths.get(pick);
    Breakage breakage = breakage(random, phase, path);
    String where = path + "." + breakage.field();
    phase.set(breakage.field(), breakage.value());
    String text = Json.MAPPER.writeValueAsString(root).replace("\"NaN-literal\"", "NaN").replace("\"Infinity-literal\"", "Infinity");
    InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> new AnnealFormat().read(text),
        () -> "seed " + seed + ": " + where + " broken (" + breakage + ") but the plan was read:\n" + text);
    List<Violation> errors = refused.violations().stream().filter(Violation::isError).toList();
    assertFalse(errors.isEmpty());
    String expectedPath = where;
    assertTrue(errors.stream().anyMatch(v -> breakage.codes().contains(v.code()) && v.path().startsWith(expectedPath)),
        () -> "seed " + seed + ": expected " + breakage.codes() + " at " + expectedPath + ", got " + errors + "\n" + text);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aBrokenModelIsNeverBuilt(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Plan plan = RandomSchedules.plan(seed);
    if (!(plan.lr() instanceof Sequence sequence)) {
      return;
    }
    int index = random.nextInt(sequence.phases().size());
    Phase phase = sequence.phases().get(index);
    long badLength = random.nextBoolean() ? 0 : -1 - random.nextLong(Long.MAX_VALUE);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new Phase(phase.shape(), badLength));
    assertTrue(e.violations().stream().anyMatch(v -> v.code() == RuleCode.NON_POSITIVE_LENGTH && v.path().equals("steps")), e::getMessage);
  }

  private static Breakage breakage(SplittableRandom random, ObjectNode phase, String path) {
    List<String> numbers = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = phase.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNumber() && !field.getKey().equals("steps")) {
        numbers.add(field.getKey());
      }
    }
    boolean lr = path.startsWith("lr.");
    int kind = random.nextInt(numbers.isEmpty() ? 6 : 11);
    return switch (kind) {
      case 0 -> new Breakage("steps", NODES.numberNode(0), RuleCode.NON_POSITIVE_LENGTH);
      case 1 -> new Breakage("steps", NODES.numberNode(-1 - random.nextInt(1_000_000)), RuleCode.NON_POSITIVE_LENGTH);
      case 2 -> new Breakage("steps", NODES.numberNode(new java.math.BigInteger("9223372036854775808").add(java.math.BigInteger.valueOf(random.nextInt(1000)))), RuleCode.OUT_OF_RANGE);
      case 3 -> new Breakage("steps", NODES.numberNode(2.5), ConfigCode.WRONG_TYPE);
      case 4 -> new Breakage("steps", NODES.textNode("many"), ConfigCode.WRONG_TYPE);
      case 5 -> new Breakage("stpes", NODES.numberNode(10), ConfigCode.UNKNOWN_KEY);
      default -> {
        String field = numbers.get(random.nextInt(numbers.size()));
        // An integer field (a count, a period) is refused for not being an integer; a real one for not being finite
        // (a real field written as 40 looks like an integer here, so either code will do there).
        Set<DiagnosticCode> nonFinite = phase.get(field).isIntegralNumber() ? Set.of(ConfigCode.WRONG_TYPE, RuleCode.NON_FINITE_VALUE) : Set.of(RuleCode.NON_FINITE_VALUE);
        yield switch (kind) {
          case 6 -> new Breakage(field, NODES.textNode("NaN-literal"), nonFinite);
          case 7 -> new Breakage(field, NODES.textNode("Infinity-literal"), nonFinite);
          case 8 -> new Breakage(field, NODES.textNode("0.1"), ConfigCode.WRONG_TYPE);
          case 9 -> new Breakage(field, NODES.booleanNode(true), ConfigCode.WRONG_TYPE);
          default -> new Breakage(field, NODES.arrayNode().add(1), ConfigCode.WRONG_TYPE);
        };
      }
    };
  }

  /** Every phase object of every sequence in the plan, with its JSON path (channel.phases[i], factors[j]…). */
  private static void collectPhases(JsonNode node, String path, List<String> paths, List<ObjectNode> out) {
    if (node.isObject()) {
      if (node.has("shape") && node.has("steps")) {
        paths.add(path);
        out.add((ObjectNode) node);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collectPhases(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), paths, out);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        collectPhases(array.get(i), path + "[" + i + "]", paths, out);
      }
    }
  }
}
