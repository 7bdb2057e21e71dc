package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import java.util.Map;

/**
 * {@code "auto"} values in the blocks the schedule depends on. They are placeholders of the
 * transformers integration: {@code HfTrainerDeepSpeedConfig.trainer_config_process} and {@code
 * trainer_config_finalize} (transformers/integrations/deepspeed.py) replace them by values of the
 * Trainer's {@code TrainingArguments} before DeepSpeed sees the config. DeepSpeed alone passes the
 * string to the constructor, which fails; Anneal cannot know the number either, so each is refused
 * with the name of what fills it.
 */
final class AutoValues {
  static final String AUTO = "auto";

  /** What the transformers integration fills each key with. */
  private static final Map<String, String> FILLED_BY = Map.of(
      "optimizer.params.lr", " by TrainingArguments.learning_rate",
      "optimizer.params.betas", " by [TrainingArguments.adam_beta1, TrainingArguments.adam_beta2]",
      "optimizer.params.eps", " by TrainingArguments.adam_epsilon",
      "optimizer.params.weight_decay", " by TrainingArguments.weight_decay",
      "scheduler.params.warmup_min_lr", " by 0, always",
      "scheduler.params.warmup_max_lr", " by TrainingArguments.learning_rate",
      "scheduler.params.warmup_num_steps", " by TrainingArguments.get_warmup_steps(num_training_steps) (warmup_steps, or warmup_ratio ×"
          + " the number of updates, rounded up)",
      "scheduler.params.total_num_steps", " by the Trainer's number of updates (max_steps, or num_train_epochs × the updates per epoch)");

  private AutoValues() {}

  /** Reports every {@code "auto"} in {@code optimizer.params} and {@code scheduler.params}; returns whether there was one. */
  static boolean report(JsonFields root, Problems problems) {
    boolean found = false;
    for (String block : new String[] {"optimizer", "scheduler"}) {
      JsonNode params = root.raw(block) == null ? null : root.raw(block).get("params");
      if (params == null || !params.isObject()) {
        continue;
      }
      for (var entry : (Iterable<Map.Entry<String, JsonNode>>) params::fields) {
        if (entry.getValue().isTextual() && entry.getValue().textValue().equals(AUTO)) {
          String path = block + ".params." + entry.getKey();
          problems.add(DeepSpeedCode.autoValue(path, entry.getKey(), FILLED_BY.getOrDefault(path,
              " only for lr, betas, eps and weight_decay of the optimizer and warmup_min_lr, warmup_max_lr, warmup_num_steps and"
                  + " total_num_steps of the scheduler, not for this key")));
          found = true;
        }
      }
    }
    return found;
  }
}
