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
 * "torch_version": "1.13"}; the PyTorch 2.x set leaves it out, as the newest 2.x is the default.
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
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode scheduler(String kind, JsonNode config) {
    ObjectNode scheduler = MAPPER.createObjectNode();
    scheduler.put("type", kind);
    ObjectNode kwargs = MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
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
