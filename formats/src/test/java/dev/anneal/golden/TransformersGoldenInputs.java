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
 * hands {@code inverse_sqrt} kwargs that 4's drops. A Trainer run in epochs (the geometry set)
 * becomes its {@code TrainingArguments} with the data figures.
 */
public final class TransformersGoldenInputs implements GoldenInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String format() {
    return "transformers";
  }

  @Override
  public String configText(GoldenCase golden) {
    if (golden.config().has("TrainingArguments")) {
      return trainerLaunch(golden);
    }
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
    return text(config);
  }

  /**
   * A Trainer run whose length comes from its epochs ({@code golden-geometry}): the {@code
   * TrainingArguments} as the case wrote them, with the case's {@code dataset_length} and {@code
   * world_size} under the same keys. No {@code transformers_version}: the warm-up rule of these
   * cases is transformers 5's {@code get_warmup_steps}, and 4's gives the same counts here.
   */
  private static String trainerLaunch(GoldenCase golden) {
    ObjectNode config = golden.config().get("TrainingArguments").deepCopy();
    config.set("dataset_length", golden.config().get("dataset_length"));
    config.set("world_size", golden.config().get("world_size"));
    return text(config);
  }

  private static String text(ObjectNode config) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
