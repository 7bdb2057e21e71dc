package dev.anneal.config;

import java.util.OptionalLong;

/**
 * The values of a Hugging Face Trainer run that transformers' DeepSpeed integration puts where a
 * DeepSpeed config says {@code "auto"} ({@code HfTrainerDeepSpeedConfig.trainer_config_process} and
 * {@code trainer_config_finalize}, {@code transformers/integrations/deepspeed.py}). Plain data shared
 * by two formats: the transformers format reads it from {@code TrainingArguments} ({@code
 * TrainerArgumentsReader}), the DeepSpeed format fills a ds_config with it ({@code TrainerAutoFill}).
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

  /** Anneal's key for the number of processes, as {@link #worldSize()} is read. */
  public static final String WORLD_SIZE = "world_size";

  /** {@code train_batch_size} as the integration computes it: world size × per-device batch × accumulation; empty without a world size. */
  public OptionalLong trainBatchSize() {
    return worldSize.isPresent() ? OptionalLong.of(worldSize.getAsLong() * perDeviceTrainBatchSize * gradientAccumulationSteps)
        : OptionalLong.empty();
  }
}
