package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads a DeepSpeed scheduler's state: {@code state_dict()} is only {@code {"last_batch_iteration":
 * n}}, so the documented export adds the scheduler's own fields ({@code vars()}: {@code min_lrs},
 * {@code max_lrs}, {@code warmup_num_steps}, {@code _last_lr}, …). A DeepSpeed scheduler starts at
 * {@code last_batch_iteration} −1 and sets the lr of iteration −1 for the first update; each {@code
 * step()} after an update moves it on, so {@code n} means {@code n + 1} updates are done and the next
 * uses the lr of iteration {@code n} ({@code _last_lr}). {@code load_state_dict} restores {@code
 * last_batch_iteration} alone: a resumed DeepSpeed run continues with the NEW config's parameters.
 */
final class DeepSpeedStateReader {
  /** The kind of a state without {@code type} whose fields are no known class's. */
  private static final String UNKNOWN = "an unknown class";

  private DeepSpeedStateReader() {}

  static ForeignState read(JsonNode state) {
    StateFields fields = new StateFields(state, StateFormat.DEEPSPEED);
    String kind = state.has("type") && state.get("type").isTextual() ? state.get("type").asText() : infer(state);
    long iteration = fields.count("last_batch_iteration", -1, "is the index of the last batch the scheduler stepped over");
    OptionalDouble next = fields.firstOfList("_last_lr");
    Optional<ObjectNode> params = params(kind, fields);
    fields.throwIfProblems();
    List<Violation> notes = new ArrayList<>();
    if (next.isEmpty()) {
      notes.add(TakeOverCode.noNextValue("_last_lr", iteration + 1, "the export has no _last_lr"));
    }
    Optional<UpstreamConfig> upstream = params.map(p -> {
      ObjectNode config = JsonNodeFactory.instance.objectNode();
      if (p.path("cycle_momentum").asBoolean(false)) {
        // DeepSpeed cycles β1 only on an optimizer with betas; which one does not change the curve.
        config.putObject("optimizer").put("type", "AdamW");
      }
      if (p.has("lr")) {
        config.putObject("optimizer").put("type", "AdamW").set("params", JsonNodeFactory.instance.objectNode().set("lr", p.remove("lr")));
      }
      config.putObject("scheduler").put("type", kind).set("params", p);
      return new UpstreamConfig("deepspeed", config);
    });
    if (upstream.isEmpty()) {
      notes.add(TakeOverCode.planNotRebuilt("type", kind, missing(kind)));
    }
    return new ForeignState(StateFormat.DEEPSPEED, kind, fields.read(), iteration + 1, next, upstream, Optional.empty(),
        new TreeMap<>(), OptionalLong.empty(), Optional.empty(), notes);
  }

  /** The ds_config {@code params} the fields give, with the optimizer's {@code lr} where the class reads it. */
  private static Optional<ObjectNode> params(String kind, StateFields fields) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    switch (kind) {
      case "WarmupLR", "WarmupDecayLR" -> {
        copyFirst(fields, "min_lrs", params, "warmup_min_lr");
        copyFirst(fields, "max_lrs", params, "warmup_max_lr");
        params.put("warmup_num_steps", fields.count("warmup_num_steps", 0, kind + " warms up over"));
        params.put("warmup_type", fields.text("warmup_type", "chooses the warm-up's curve (log or linear)"));
        if (kind.equals("WarmupDecayLR")) {
          params.put("total_num_steps", fields.count("total_num_steps", 0, "is where WarmupDecayLR's decay reaches 0"));
        }
      }
      case "WarmupCosineLR" -> {
        params.put("total_num_steps", fields.count("total_num_steps", 0, "is where WarmupCosineLR's cosine ends"));
        params.put("warmup_min_ratio", fields.number("warmup_min_ratio", "is where the warm-up starts, as a ratio of the lr"));
        params.put("warmup_num_steps", fields.count("warmup_num_steps", 0, kind + " warms up over"));
        params.put("cos_min_ratio", fields.number("cos_min_ratio", "is the cosine's floor, as a ratio of the lr"));
        params.put("warmup_type", fields.text("warmup_type", "chooses the warm-up's curve (log or linear)"));
        copyFirst(fields, "org_lrs", params, "lr");
      }
      case "LRRangeTest" -> {
        copyFirst(fields, "min_lr", params, "lr_range_test_min_lr");
        params.put("lr_range_test_step_size", fields.number("step_size", "is the range test's interval"));
        params.put("lr_range_test_step_rate", fields.number("step_rate", "is the range test's growth per interval"));
        JsonNode staircase = fields.state().get("staircase");
        if (staircase == null || !staircase.isBoolean()) {
          fields.problem(TakeOverCode.stateFieldMissing("staircase", StateFormat.DEEPSPEED.display(), "staircase",
              "says whether the range test climbs in stairs"));
        } else {
          fields.noteRead("staircase", staircase);
          params.put("lr_range_test_staircase", staircase.asBoolean());
        }
      }
      case "OneCycle" -> {
        copyFirst(fields, "min_lrs", params, "cycle_min_lr");
        copyFirst(fields, "max_lrs", params, "cycle_max_lr");
        params.put("decay_lr_rate", fields.number("decay_lr_rate", "is the lr's decay after the cycle"));
        params.put("cycle_first_step_size", fields.number("first_step_size", "is the cycle's rising half"));
        params.put("cycle_second_step_size", fields.number("second_step_size", "is the cycle's falling half"));
        params.put("cycle_first_stair_count", fields.count("first_stair_count", 0, "is the rising half's stairs"));
        params.put("cycle_second_stair_count", fields.count("second_stair_count", 0, "is the falling half's stairs"));
        params.put("decay_step_size", fields.number("decay_step_size", "is the interval of the decay after the cycle"));
        // min_moms is there only when DeepSpeed cycles β1: cycle_momentum was true and the optimizer has betas.
        boolean cyclesBeta1 = fields.state().has("min_moms");
        params.put("cycle_momentum", cyclesBeta1);
        if (cyclesBeta1) {
          firstMomentum(fields, "min_moms", params, "cycle_min_mom");
          firstMomentum(fields, "max_moms", params, "cycle_max_mom");
          params.put("decay_mom_rate", fields.number("decay_mom_rate", "is β1's decay after the cycle"));
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** OneCycle keeps each group's β1 bounds as {@code (beta1, 0.99)} pairs: the first group's β1. */
  private static void firstMomentum(StateFields fields, String field, ObjectNode params, String param) {
    JsonNode pairs = fields.state().get(field);
    if (pairs == null || !pairs.isArray() || pairs.isEmpty() || !pairs.get(0).isArray() || !pairs.get(0).path(0).isNumber()) {
      fields.problem(TakeOverCode.stateFieldInvalid(field, field, String.valueOf(pairs),
          "a list of [beta1, 0.99] pairs, one per parameter group"));
      return;
    }
    fields.noteRead(field, pairs);
    params.put(param, pairs.get(0).get(0).asDouble());
  }

  private static void copyFirst(StateFields fields, String field, ObjectNode params, String param) {
    OptionalDouble first = fields.firstOfList(field);
    if (first.isEmpty()) {
      fields.problem(TakeOverCode.stateFieldMissing(field, StateFormat.DEEPSPEED.display(), field,
          "holds " + param + " per parameter group (the scheduler is rebuilt from it)"));
      return;
    }
    params.put(param, first.getAsDouble());
  }

  /** The class, told by its fields when the export has no {@code type}. */
  private static String infer(JsonNode state) {
    if (state.has("cos_min_ratio")) {
      return "WarmupCosineLR";
    }
    if (state.has("total_num_steps") && state.has("delta_lrs")) {
      return "WarmupDecayLR";
    }
    if (state.has("delta_lrs")) {
      return "WarmupLR";
    }
    if (state.has("step_rate")) {
      return "LRRangeTest";
    }
    if (state.has("first_step_size")) {
      return "OneCycle";
    }
    return UNKNOWN;
  }

  private static String missing(String kind) {
    String rebuilt = "a scheduler Anneal rebuilds (it rebuilds WarmupLR, WarmupDecayLR, WarmupCosineLR, OneCycle and LRRangeTest)";
    return kind.equals(UNKNOWN) ? rebuilt + "; add \"type\" to the export" : rebuilt;
  }
}
