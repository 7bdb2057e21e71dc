package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.config.TrainerArguments;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the {@link TrainerArguments} of a {@code TrainingArguments} config as Trainer reads them:
 * absent fields take {@code TrainingArguments}' defaults, and the number of updates is {@code
 * max_steps}, or counted from {@code num_train_epochs} with Anneal's data figures {@code
 * dataset_length} and {@code world_size} ({@link TrainerLaunch}).
 */
public final class TrainerArgumentsReader {
  private static final String WORLD_SIZE = TrainerArguments.WORLD_SIZE;

  private TrainerArgumentsReader() {}

  /**
   * The arguments of the {@code TrainingArguments} config {@code text} (a JSON object).
   *
   * @throws InvalidScheduleException naming each field that is wrong, or the figures the number of
   *     updates needs where {@code max_steps} is not set
   */
  public static TrainerArguments read(String text) {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject(text, problems);
    problems.throwIfErrors();
    TransformersVersion version = TransformersVersion.read(root);
    double learningRate = Calls.learningRate(root);
    WarmupFields warmup = version == TransformersVersion.V4 ? WarmupFields.v4(root) : WarmupFields.v5(root, version);
    long maxSteps = root.optLong(TrainingArgumentsReader.MAX_STEPS, TrainingArgumentsReader.MAX_STEPS_UNSET);
    OptionalLong worldSize = root.has(WORLD_SIZE) ? OptionalLong.of(root.optLong(WORLD_SIZE, 1)) : OptionalLong.empty();
    List<Violation> found = new ArrayList<>();
    worldSize.ifPresent(processes -> Rules.atLeastOne(found, WORLD_SIZE, processes));
    found.forEach(problems::add);
    Long total = maxSteps >= 1 ? Long.valueOf(maxSteps) : null;
    if (total == null && TrainerLaunch.given(root)) {
      TrainerLaunch launch = TrainerLaunch.read(root, version);
      total = launch == null ? null : launch.maxSteps();
    } else if (total == null) {
      problems.add(ConfigCode.missingKey(TrainingArgumentsReader.MAX_STEPS, "'max_steps' (the DeepSpeed integration fills"
          + " total_num_steps and warmup_num_steps with the run's updates; with max_steps -1 Trainer counts them from"
          + " num_train_epochs and the length of the training data: add " + TrainerLaunch.DATASET_LENGTH + " (len(train_dataset)) and "
          + WORLD_SIZE + " (the number of processes), or max_steps)"));
    }
    long batch = root.optLong(TrainerLaunch.BATCH, 8);
    long accumulation = root.optLong(TrainerLaunch.ACCUMULATION, 1);
    TrainerArguments arguments = null;
    if (total != null && warmup.valid() && !problems.hasErrors()) {
      GetScheduler.Given warmupSteps = warmup.resolve(total, problems);
      if (warmupSteps != null) {
        arguments = new TrainerArguments(learningRate, root.optDouble(TrainingArgumentsOptimizer.BETA1, 0.9),
            root.optDouble(TrainingArgumentsOptimizer.BETA2, 0.999), root.optDouble(TrainingArgumentsOptimizer.EPSILON, 1e-8),
            root.optDouble(TrainingArgumentsOptimizer.WEIGHT_DECAY, 0), root.optDouble("max_grad_norm", 1.0), batch, accumulation,
            worldSize, total, warmupSteps.value(), either(root, "fp16", "fp16_full_eval"), either(root, "bf16", "bf16_full_eval"));
      }
    }
    problems.throwIfErrors();
    return arguments;
  }

  private static boolean either(JsonFields root, String first, String second) {
    return root.optBoolean(first, false) | root.optBoolean(second, false);
  }
}
