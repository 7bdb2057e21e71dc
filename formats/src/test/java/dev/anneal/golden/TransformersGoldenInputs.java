package dev.anneal.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The transformers config for a golden case: a direct call of the function the case ran ({@code
 * kind}), with the case's keyword arguments as written and the optimizer's learning rate:
 * {@code {"learning_rate": …, "function": "get_…", "kwargs": {…}}}.
 */
public final class TransformersGoldenInputs implements GoldenInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String format() {
    return "transformers";
  }

  @Override
  public String configText(GoldenCase golden) {
    ObjectNode config = MAPPER.createObjectNode();
    config.set("learning_rate", golden.optimizer().get("lr"));
    config.put("function", golden.kind());
    config.set("kwargs", golden.config().deepCopy());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
