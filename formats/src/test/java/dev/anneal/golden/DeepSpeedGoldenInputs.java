package dev.anneal.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The ds_config.json a DeepSpeed user would write for a golden case: the case's {@code scheduler}
 * block as it is, an {@code optimizer} block for the torch optimizer that drove it (torch's {@code
 * AdamW} and {@code SGD} are DeepSpeed's {@code AdamW} and torch's {@code SGD}, with the same
 * params), and a few unrelated sections that the reader must ignore.
 */
public final class DeepSpeedGoldenInputs implements GoldenInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The optimizer params each torch type takes, as the golden files record them. */
  private static final List<String> ADAMW_PARAMS = List.of("lr", "betas", "eps", "weight_decay");

  private static final List<String> SGD_PARAMS = List.of("lr", "momentum", "weight_decay");

  @Override
  public String format() {
    return "deepspeed";
  }

  @Override
  public String configText(GoldenCase golden) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("train_batch_size", 32);
    root.put("gradient_accumulation_steps", 1);
    root.set("optimizer", optimizer(golden.optimizer()));
    root.set("scheduler", golden.config().deepCopy());
    root.putObject("fp16").put("enabled", false);
    root.putObject("zero_optimization").put("stage", 2);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DeepSpeed's optimizer block for the torch optimizer of a golden case. */
  static ObjectNode optimizer(JsonNode torch) {
    String type = torch.get("type").asText();
    List<String> keys = switch (type) {
      case "AdamW" -> ADAMW_PARAMS;
      case "SGD" -> SGD_PARAMS;
      default -> throw new IllegalArgumentException("no DeepSpeed optimizer block for torch's " + type);
    };
    ObjectNode block = MAPPER.createObjectNode();
    block.put("type", type);
    ObjectNode params = block.putObject("params");
    for (String key : keys) {
      if (!torch.has(key)) {
        throw new IllegalArgumentException("golden " + type + " optimizer without " + key);
      }
      params.set(key, torch.get(key).deepCopy());
    }
    return block;
  }
}
