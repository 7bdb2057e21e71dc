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
 * a comment. Numbers are written as a person would ({@code 0.0006}, {@code 5000}).
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
    return "# " + golden.name() + ": the learning-rate flags of the launch script\n"
        + "python pretrain_gpt.py \\\n"
        + String.join(" \\\n", lines)
        + "\n";
  }

  private static String text(JsonNode value) {
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    return new BigDecimal(Double.toString(value.doubleValue())).stripTrailingZeros().toPlainString();
  }
}
