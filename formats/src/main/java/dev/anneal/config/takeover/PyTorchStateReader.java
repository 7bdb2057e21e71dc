package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.PlateauState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads a PyTorch {@code scheduler.state_dict()} exported as JSON. After {@code k} calls of {@code
 * scheduler.step()} torch's {@code last_epoch} is {@code k} and {@code _last_lr} holds the lr of the
 * next update (the constructor's own step makes {@code last_epoch} 0, with the first update's lr).
 * {@code load_state_dict} restores every field, so a resumed torch run continues with the saved
 * scheduler, whatever the new script constructs: that scheduler, rebuilt as a {@code pytorch}
 * config, is what the config is compared with.
 */
final class PyTorchStateReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PyTorchStateReader() {}

  static ForeignState read(JsonNode state) {
    StateFields fields = new StateFields(state, StateFormat.PYTORCH);
    String kind = PyTorchClasses.infer(state);
    long steps = fields.count("last_epoch", 0, "counts the scheduler steps taken (the update to resume at)");
    OptionalDouble next = fields.firstOfList("_last_lr");
    List<Violation> notes = new ArrayList<>();
    Optional<PlateauState> plateau = Optional.empty();
    Optional<ObjectNode> scheduler;
    OptionalDouble baseLr;
    if (kind.equals("SequentialLR")) {
      baseLr = firstBaseLr(state.get("_schedulers"));
      scheduler = sequential(state, fields);
    } else {
      baseLr = fields.firstOfList("base_lrs");
      scheduler = member(kind, state, fields);
    }
    if (kind.equals("ReduceLROnPlateau")) {
      plateau = plateauState(fields, steps, next);
      baseLr = OptionalDouble.empty(); // a plateau state keeps no initial lr; see UpstreamConfig
    }
    fields.throwIfProblems();
    if (next.isEmpty()) {
      notes.add(TakeOverCode.noNextValue("_last_lr", steps, "the export has no _last_lr"));
    }
    Optional<UpstreamConfig> upstream = Optional.empty();
    if (scheduler.isPresent() && (baseLr.isPresent() || plateau.isPresent())) {
      ObjectNode config = NODES.objectNode();
      ObjectNode optimizer = config.putObject("optimizer").put("type", "SGD");
      baseLr.ifPresent(lr -> optimizer.put("lr", lr));
      config.set("scheduler", scheduler.get());
      upstream = Optional.of(new UpstreamConfig("pytorch", config));
    } else {
      notes.add(TakeOverCode.planNotRebuilt(scheduler.isPresent() ? "base_lrs" : "type", kind,
          scheduler.isPresent() ? "base_lrs (the optimizer's initial lr)" : PyTorchClasses.missing(kind)));
    }
    return new ForeignState(StateFormat.PYTORCH, kind, fields.read(), steps, next, upstream, plateau,
        new TreeMap<>(), OptionalLong.empty(), Optional.empty(), notes);
  }

  /** {@code {"type", "kwargs"}} of a class whose state holds its keyword arguments, else empty. */
  private static Optional<ObjectNode> member(String kind, JsonNode state, StateFields fields) {
    Optional<List<String>> names = PyTorchClasses.kwargs(kind);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode member = NODES.objectNode().put("type", kind);
    ObjectNode kwargs = member.putObject("kwargs");
    for (String name : names.get()) {
      JsonNode value = state.get(name);
      if (value == null) {
        fields.problem(TakeOverCode.stateFieldMissing(name, StateFormat.PYTORCH.display(), name,
            kind + " keeps as its constructor argument (the scheduler is rebuilt from it)"));
        continue;
      }
      fields.noteRead(name, value);
      switch (name) {
        case "milestones" -> kwargs.set(name, milestones(value));
        case "min_lrs" -> kwargs.set("min_lr", value.isArray() && !value.isEmpty() ? value.get(0) : value);
        default -> kwargs.set(name, value);
      }
    }
    return Optional.of(member);
  }

  /** MultiStepLR keeps its milestones as a {@code Counter}: each milestone, repeated as often as it was given. */
  private static JsonNode milestones(JsonNode counter) {
    if (!counter.isObject()) {
      return counter;
    }
    ArrayNode list = NODES.arrayNode();
    Map<Long, Long> sorted = new TreeMap<>();
    counter.fields().forEachRemaining(entry -> sorted.put(Long.parseLong(entry.getKey()), entry.getValue().asLong()));
    sorted.forEach((milestone, times) -> {
      for (long i = 0; i < times; i++) {
        list.add(milestone);
      }
    });
    return list;
  }

  private static Optional<ObjectNode> sequential(JsonNode state, StateFields fields) {
    JsonNode members = state.get("_schedulers");
    JsonNode milestones = state.get("_milestones");
    if (members == null || !members.isArray() || milestones == null || !milestones.isArray()) {
      fields.problem(TakeOverCode.stateFieldInvalid("_schedulers", "_schedulers", String.valueOf(members),
          "a list of the members' states, with _milestones a list of whole numbers"));
      return Optional.empty();
    }
    fields.noteRead("_milestones", milestones);
    ObjectNode sequential = NODES.objectNode().put("type", "SequentialLR");
    ObjectNode kwargs = sequential.putObject("kwargs");
    ArrayNode rebuilt = kwargs.putArray("schedulers");
    for (JsonNode memberState : members) {
      Optional<ObjectNode> member = member(PyTorchClasses.infer(memberState), memberState, fields);
      if (member.isEmpty()) {
        return Optional.empty();
      }
      rebuilt.add(member.get());
    }
    kwargs.set("milestones", milestones);
    return Optional.of(sequential);
  }

  private static OptionalDouble firstBaseLr(JsonNode members) {
    if (members == null || !members.isArray() || members.isEmpty()) {
      return OptionalDouble.empty();
    }
    JsonNode base = members.get(0).get("base_lrs");
    return base != null && base.isArray() && !base.isEmpty() && base.get(0).isNumber()
        ? OptionalDouble.of(base.get(0).asDouble())
        : OptionalDouble.empty();
  }

  /** Where a plateau stood: its current lr ({@code _last_lr}), best metric, bad epochs and cooldown left. */
  private static Optional<PlateauState> plateauState(StateFields fields, long steps, OptionalDouble lr) {
    double best = bestMetric(fields);
    long bad = fields.count("num_bad_epochs", 0, "counts the epochs since the metric last improved");
    long cooldown = fields.count("cooldown_counter", 0, "counts the cooldown epochs still to go");
    if (lr.isEmpty()) {
      fields.problem(TakeOverCode.stateFieldMissing("_last_lr", StateFormat.PYTORCH.display(), "_last_lr",
          "holds the lr ReduceLROnPlateau has reduced to (torch keeps it nowhere else)"));
      return Optional.empty();
    }
    return Optional.of(new PlateauState(lr.getAsDouble(), best, bad, cooldown, steps));
  }

  /** {@code best}: infinite before the first metric (Python's json writes {@code Infinity}). */
  private static double bestMetric(StateFields fields) {
    JsonNode best = fields.state().get("best");
    if (best == null || !best.isNumber() || Double.isNaN(best.asDouble())) {
      fields.problem(TakeOverCode.stateFieldMissing("best", StateFormat.PYTORCH.display(), "best",
          "is the best metric ReduceLROnPlateau has seen (a number, or Infinity before the first)"));
      return Double.POSITIVE_INFINITY;
    }
    fields.noteRead("best", best);
    return best.asDouble();
  }
}
