package dev.anneal.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The flags a Megatron-LM user passes for a golden case, written as the scheduler part of a
 * launch script: the case's {@code config.flags}, one per line with {@code \} continuations, under
 * a comment, after {@code torchrun --nproc_per_node W} when the case gives the number of GPUs.
 * Numbers are written as a person would ({@code 0.0006}, {@code 5000}); a value with spaces or
 * commas is quoted, a list is written as its words.
 */
final class MegatronGoldenInputs implements GoldenInputs {
  @Override
  public String format() {
    return "megatron";
  }

  @Override
  public String configText(GoldenCase golden) {
    List<String> lines = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> flags = golden.config().get("flags").fields(); flags.hasNext(); ) {
      Map.Entry<String, JsonNode> flag = flags.next();
      lines.add("    " + flag.getKey() + " " + text(flag.getValue()));
    }
    // The geometry cases give the number of GPUs: the launcher's line, as Megatron's example scripts write it.
    JsonNode launch = golden.config().get("launch");
    String launcher = launch != null && launch.has("world_size")
        ? "torchrun --nproc_per_node " + launch.get("world_size").asText() + " pretrain_gpt.py \\\n"
        : "python pretrain_gpt.py \\\n";
    return "# " + golden.name() + ": the learning-rate flags of the launch script\n"
        + launcher
        + String.join(" \\\n", lines)
        + "\n";
  }

  private static String text(JsonNode value) {
    if (value.isArray()) {
      List<String> words = new ArrayList<>();
      value.forEach(element -> words.add(text(element)));
      return String.join(" ", words);
    }
    if (value.isTextual() && value.asText().matches(".*[\\s,].*")) {
      return "\"" + value.asText() + "\""; // a schedule such as "66.88m:128, 0:64" is one argument
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    return new BigDecimal(Double.toString(value.doubleValue())).stripTrailingZeros().toPlainString();
  }
}
