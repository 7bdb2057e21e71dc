package dev.anneal.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code pytorch} config a user writes for a golden PyTorch case: the optimizer the case ran
 * (its type and keyword arguments, as recorded) and the scheduler's class and keyword arguments.
 * Members of {@code SequentialLR}/{@code ChainedScheduler}, recorded as {@code {"kind", "kwargs"}},
 * become {@code {"type", "kwargs"}}. The curves of torch 1.13 (the basic and edge sets) say {@code
 * "torch_version": "1.13"}; the PyTorch 2.x set leaves it out, as the newest 2.x is the default. The
 * geometry set's cases add how the loop stepped the scheduler ({@code "interval"}) and its {@code
 * "updates_per_epoch"} and {@code "epochs"}.
 */
public final class PyTorchGoldenInputs implements GoldenInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String format() {
    return "pytorch";
  }

  @Override
  public String configText(GoldenCase golden) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("optimizer", golden.optimizer().deepCopy());
    root.set("scheduler", scheduler(golden.kind(), golden.config()));
    if (golden.set().torch113()) {
      root.put("torch_version", "1.13");
    }
    if (golden.set() == GoldenSet.GEOMETRY) {
      epochFigures(root, golden.config());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The geometry set's loop as top-level keys: {@code "interval": "epoch"} where the case called
   * {@code scheduler.step()} after each epoch (nothing where it did after each update, the
   * format's default), and the updates per epoch and epochs it ran.
   */
  private static void epochFigures(ObjectNode root, JsonNode config) {
    if (config.get("cadence").asText().equals("epoch")) {
      root.put("interval", "epoch");
    }
    root.set("updates_per_epoch", config.get("updates_per_epoch").deepCopy());
    root.set("epochs", config.get("epochs").deepCopy());
  }

  private static ObjectNode scheduler(String kind, JsonNode config) {
    ObjectNode scheduler = MAPPER.createObjectNode();
    scheduler.put("type", kind);
    ObjectNode kwargs = MAPPER.createObjectNode();
    // The geometry set records the constructor's arguments under "kwargs", beside the loop's figures.
    JsonNode arguments = config.has("kwargs") && config.has("cadence") ? config.get("kwargs") : config;
    for (Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("schedulers")) {
        ArrayNode members = kwargs.putArray("schedulers");
        for (JsonNode member : field.getValue()) {
          members.add(scheduler(member.get("kind").asText(), member.get("kwargs")));
        }
      } else {
        kwargs.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    scheduler.set("kwargs", kwargs);
    return scheduler;
  }
}
