package dev.anneal.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The transformers config for a golden case: a direct call of the function the case ran ({@code
 * kind}), with the case's keyword arguments as written and the optimizer's learning rate:
 * {@code {"learning_rate": …, "function": "get_…", "kwargs": {…}}}. A {@code get_scheduler} case
 * (the call {@code Trainer.create_scheduler} makes) becomes the {@code TrainingArguments} that
 * make that call: {@code lr_scheduler_type}, {@code warmup_steps}, {@code max_steps}, {@code
 * lr_scheduler_kwargs}. Every config names {@code "transformers_version": "4"}: the curves come from
 * {@code huggingface/transformers@005edacb}, a 4.x commit, and transformers 5's {@code get_scheduler}
 * hands {@code inverse_sqrt} kwargs that 4's drops.
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
    config.put("transformers_version", "4");
    if (golden.kind().equals("get_scheduler")) {
      config.set("lr_scheduler_type", golden.config().get("name"));
      config.set("warmup_steps", golden.config().get("num_warmup_steps"));
      config.set("max_steps", golden.config().get("num_training_steps"));
      if (golden.config().has("scheduler_specific_kwargs")) {
        config.set("lr_scheduler_kwargs", golden.config().get("scheduler_specific_kwargs"));
      }
    } else {
      config.put("function", golden.kind());
      config.set("kwargs", golden.config().deepCopy());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
