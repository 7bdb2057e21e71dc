package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenCase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeepSpeed → Anneal → DeepSpeed gives an equal config, for every golden case: the written
 * scheduler block is the original one with DeepSpeed's constructor defaults written out (the
 * writer hides no default) and DeepSpeed's own normalisations applied, which change nothing in
 * the curve ({@code warmup_num_steps} raised to 2; a {@code total_num_steps} below the warm-up
 * written as the warm-up; no {@code cycle_min_mom}, {@code cycle_max_mom}, {@code decay_mom_rate}
 * where the optimizer has no betas, since DeepSpeed then keeps the optimizer's own momentum);
 * reading it back gives the same plan.
 */
class DeepSpeedRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The constructor defaults of deepspeed/runtime/lr_schedules.py, copied by hand from its signatures. */
  private static final Map<String, Map<String, Object>> DEFAULTS = Map.of(
      "LRRangeTest", Map.of("lr_range_test_min_lr", 1e-3, "lr_range_test_step_size", 2000.0, "lr_range_test_step_rate", 1.0,
          "lr_range_test_staircase", false),
      "OneCycle", Map.of("decay_lr_rate", 0.0, "cycle_first_step_size", 2000.0, "cycle_first_stair_count", 0.0, "decay_step_size", 0.0,
          "cycle_momentum", true, "cycle_min_mom", 0.8, "cycle_max_mom", 0.9, "decay_mom_rate", 0.0),
      "WarmupLR", Map.of("warmup_min_lr", 0.0, "warmup_num_steps", 1000.0, "warmup_type", "log"),
      "WarmupDecayLR", Map.of("warmup_min_lr", 0.0, "warmup_max_lr", 0.001, "warmup_num_steps", 1000.0, "warmup_type", "log"),
      "WarmupCosineLR", Map.of("warmup_min_ratio", 0.0, "warmup_num_steps", 1000.0, "cos_min_ratio", 0.0001, "warmup_type", "log"));

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("deepspeed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writingWhatWasReadGivesTheOriginalConfigWithEveryDefaultSpelledOut(GoldenCase golden) throws Exception {
    Imported read = DeepSpeedGoldenTest.read(golden);

    String written = Formats.byName("deepspeed").write(read.plan());
    JsonNode config = MAPPER.readTree(written);

    assertEquals(golden.config().get("type").asText(), config.get("scheduler").get("type").asText());
    assertEquals(canonical(golden), values(config.get("scheduler").get("params")), golden + ": " + written);
    assertEquals(List.of("optimizer", "scheduler").subList(config.has("optimizer") ? 0 : 1, 2), fieldNames(config));
    checkOptimizer(golden, config.get("optimizer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readingTheWrittenConfigGivesTheSamePlan(GoldenCase golden) {
    Imported first = DeepSpeedGoldenTest.read(golden);

    Imported second = Formats.byName("deepspeed").read(Formats.byName("deepspeed").write(first.plan()));

    assertEquals(first.plan(), second.plan());
    assertEquals(Formats.byName("deepspeed").write(first.plan()), Formats.byName("deepspeed").write(second.plan()));
  }

  /** The golden scheduler params with the constructor defaults filled in and DeepSpeed's normalisations applied. */
  private static Map<String, Object> canonical(GoldenCase golden) {
    String type = golden.config().get("type").asText();
    Map<String, Object> params = new LinkedHashMap<>(DEFAULTS.get(type));
    params.putAll(values(golden.config().get("params")));
    JsonNode optimizer = golden.optimizer();
    switch (type) {
      case "WarmupLR" -> params.putIfAbsent("warmup_max_lr", optimizer.get("lr").asDouble());
      case "OneCycle" -> {
        params.putIfAbsent("cycle_second_step_size", params.get("cycle_first_step_size"));
        params.putIfAbsent("cycle_second_stair_count", params.get("cycle_first_stair_count"));
        if (params.get("cycle_momentum").equals(false) || !optimizer.has("betas")) {
          params.keySet().removeAll(List.of("cycle_min_mom", "cycle_max_mom", "decay_mom_rate"));
        }
      }
      default -> { }
    }
    if (params.containsKey("warmup_num_steps")) {
      double warmup = Math.max(2, (Double) params.get("warmup_num_steps"));
      params.put("warmup_num_steps", warmup);
      if (params.containsKey("total_num_steps")) {
        params.put("total_num_steps", Math.max(warmup, (Double) params.get("total_num_steps")));
      }
    }
    return params;
  }

  private static void checkOptimizer(GoldenCase golden, JsonNode written) {
    String type = golden.config().get("type").asText();
    JsonNode params = golden.config().get("params");
    boolean asksForMomentum = type.equals("OneCycle") && params.path("cycle_momentum").asBoolean(true);
    if (type.equals("WarmupCosineLR")) {
      assertEquals(golden.optimizer().get("lr").asDouble(), written.get("params").get("lr").asDouble(), "the lr the ratios scale");
    } else if (asksForMomentum && golden.optimizer().has("betas")) {
      assertEquals("AdamW", written.get("type").asText(), "an optimizer with betas");
      assertEquals(List.of(params.get("cycle_min_mom").asDouble(), 0.99),
          List.of(written.get("params").get("betas").get(0).asDouble(), written.get("params").get("betas").get(1).asDouble()));
    } else if (asksForMomentum) {
      assertEquals("SGD", written.get("type").asText(), "an optimizer without betas");
      assertEquals(golden.optimizer().get("momentum").asDouble(), written.get("params").get("momentum").asDouble(), "the momentum it keeps");
    } else {
      assertTrue(written == null, "no optimizer block where the curve does not depend on it");
    }
    assertFalse(written != null && written.get("params").size() > 2, "only lr and betas or momentum are written");
  }

  /** A JSON object's values: numbers as doubles, booleans and strings as they are. */
  private static Map<String, Object> values(JsonNode object) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      out.put(field.getKey(), value.isNumber() ? (Object) value.doubleValue() : value.isBoolean() ? (Object) value.booleanValue() : value.asText());
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
