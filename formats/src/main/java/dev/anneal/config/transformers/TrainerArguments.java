package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import java.util.OptionalLong;

/**
 * The values of a Trainer run that transformers' DeepSpeed integration puts where a DeepSpeed
 * config says {@code "auto"} ({@code HfTrainerDeepSpeedConfig.trainer_config_process} and {@code
 * trainer_config_finalize}, {@code transformers/integrations/deepspeed.py}), read from a {@code
 * TrainingArguments} config as Trainer reads it: absent fields take {@code TrainingArguments}'
 * defaults, and the number of updates is {@code max_steps}, or counted from {@code num_train_epochs}
 * with Anneal's data figures {@code dataset_length} and {@code world_size} ({@link TrainerLaunch}).
 *
 * @param learningRate {@code learning_rate}
 * @param adamBeta1 {@code adam_beta1}
 * @param adamBeta2 {@code adam_beta2}
 * @param adamEpsilon {@code adam_epsilon}
 * @param weightDecay {@code weight_decay}
 * @param maxGradNorm {@code max_grad_norm}
 * @param perDeviceTrainBatchSize {@code per_device_train_batch_size}
 * @param gradientAccumulationSteps {@code gradient_accumulation_steps}
 * @param worldSize the number of processes ({@code world_size}, Anneal's key), or empty if not given
 * @param trainingSteps {@code num_training_steps}: the updates of the run
 * @param warmupSteps {@code get_warmup_steps(num_training_steps)}
 * @param fp16 {@code fp16 or fp16_full_eval}
 * @param bf16 {@code bf16 or bf16_full_eval}
 */
public record TrainerArguments(
    double learningRate, double adamBeta1, double adamBeta2, double adamEpsilon, double weightDecay, double maxGradNorm,
    long perDeviceTrainBatchSize, long gradientAccumulationSteps, OptionalLong worldSize, long trainingSteps, long warmupSteps,
    boolean fp16, boolean bf16) {

  /** Anneal's key for the number of processes, as {@link #worldSize()} reads it. */
  public static final String WORLD_SIZE = TrainerLaunch.WORLD_SIZE;

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

  /** {@code train_batch_size} as the integration computes it: world size × per-device batch × accumulation; empty without a world size. */
  public OptionalLong trainBatchSize() {
    return worldSize.isPresent() ? OptionalLong.of(worldSize.getAsLong() * perDeviceTrainBatchSize * gradientAccumulationSteps)
        : OptionalLong.empty();
  }
}
