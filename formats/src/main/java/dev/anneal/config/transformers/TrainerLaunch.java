package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The number of updates of a Trainer run whose length comes from {@code num_train_epochs}
 * ({@code max_steps} -1): {@code Trainer.set_initial_training_values} counts {@code max_steps =
 * ceil(num_train_epochs * num_update_steps_per_epoch)}, with {@code num_update_steps_per_epoch =
 * max(ceil(len(train_dataloader) / gradient_accumulation_steps), 1)} (a last, partial accumulation
 * is an update) and {@code len(train_dataloader)} the loader batches of one process. The arithmetic
 * is {@link RunGeometry}'s (data-set size, batch, {@code drop_last}, accelerate's {@code
 * BatchSamplerShard} over the processes, accumulation), not repeated here.
 *
 * <p>The per-process batch is {@code per_device_train_batch_size}, or in transformers 4 a {@code
 * per_gpu_train_batch_size} that is set (one device per process, so no multiple of the GPU count).
 * Two figures are no fields of {@code TrainingArguments}, so Anneal reads them from keys of its
 * own: {@value #DATASET_LENGTH}, {@code len(train_dataset)} of the map-style training data set, and
 * {@value #WORLD_SIZE}, the number of processes (torchrun/DDP with one device each, accelerate's
 * default {@code even_batches}).
 *
 * @param geometry the run's geometry, from which every figure below comes
 * @param epochs {@code num_train_epochs}
 * @param maxSteps the updates of the run, {@code num_training_steps} of the schedule
 */
record TrainerLaunch(RunGeometry geometry, double epochs, long maxSteps) {
  /** Anneal's key for {@code len(train_dataset)}. */
  static final String DATASET_LENGTH = "dataset_length";
  /** Anneal's key for the number of processes ({@code TrainingArguments.world_size}). */
  static final String WORLD_SIZE = dev.anneal.config.TrainerArguments.WORLD_SIZE;

  static final String BATCH = "per_device_train_batch_size";
  /** transformers 4's deprecated per-GPU batch, which wins over {@link #BATCH} when set ({@code TrainingArguments.train_batch_size}). */
  static final String PER_GPU_BATCH = "per_gpu_train_batch_size";
  static final String ACCUMULATION = "gradient_accumulation_steps";
  static final String DROP_LAST = "dataloader_drop_last";
  /** {@code TrainingArguments.num_train_epochs}' default. */
  static final double DEFAULT_EPOCHS = 3.0;

  /** The fields of {@code TrainingArguments} that the run length depends on, beside {@code num_train_epochs}. */
  static final Set<String> DATA_FIELDS = Set.of(BATCH, PER_GPU_BATCH, ACCUMULATION, DROP_LAST);

  /** Whether {@code root} gives either of Anneal's data figures. */
  static boolean given(JsonFields root) {
    return root.has(DATASET_LENGTH) || root.has(WORLD_SIZE);
  }

  /**
   * The run {@code root} describes, or {@code null} with the reasons in its problems: a data figure
   * missing, or a value upstream refuses ({@code DataLoader} raises {@code ValueError} on a batch
   * size below 1; a run of no update trains nothing).
   */
  static TrainerLaunch read(JsonFields root, TransformersVersion version) {
    List<Violation> found = new ArrayList<>();
    long examples = figure(root, DATASET_LENGTH, "len(train_dataset), the examples of the map-style training data set", found);
    long processes = figure(root, WORLD_SIZE, "the number of processes the run is launched on (1 on a single device)", found);
    String batchKey = version == TransformersVersion.V4 && root.has(PER_GPU_BATCH) ? PER_GPU_BATCH : BATCH;
    long batch = root.optLong(batchKey, 8);
    long accumulation = root.optLong(ACCUMULATION, 1);
    boolean dropLast = root.optBoolean(DROP_LAST, false);
    double epochs = root.optDouble(TrainingArgumentsFields.NUM_TRAIN_EPOCHS, DEFAULT_EPOCHS);
    Rules.atLeastOne(found, batchKey, batch);
    Rules.atLeastOne(found, ACCUMULATION, accumulation);
    Rules.positive(found, TrainingArgumentsFields.NUM_TRAIN_EPOCHS, epochs);
    found.forEach(root.problems()::add);
    if (!found.isEmpty() || root.problems().hasErrors()) {
      return null;
    }
    try {
      RunGeometry geometry = RunGeometry.builder().datasetSize(examples).batchSize(batch).dropLast(dropLast)
          .gradientAccumulation(accumulation).dataParallel(processes).build();
      long maxSteps = geometry.updates(Length.epochs(epochs), TrainingArgumentsFields.NUM_TRAIN_EPOCHS);
      return new TrainerLaunch(geometry, epochs, maxSteps);
    } catch (InvalidScheduleException e) {
      e.violations().forEach(root.problems()::add);
      return null;
    }
  }

  /** A positive integer at {@code key}, or 0 with a {@code MissingKey} (saying what it is) or the value's fault in {@code found}. */
  private static long figure(JsonFields root, String key, String what, List<Violation> found) {
    if (!root.has(key)) {
      found.add(ConfigCode.missingKey(key, "'" + key + "' (" + what + ")"));
      return 0;
    }
    long value = root.optLong(key, 0);
    if (value != 0 || root.raw(key).isIntegralNumber()) {
      Rules.atLeastOne(found, key, value);
    }
    return value;
  }

  /** Updates per epoch, {@code num_update_steps_per_epoch}. */
  long updatesPerEpoch() {
    return geometry.updatesPerEpoch().getAsLong();
  }

  /** Loader batches of one process in an epoch, {@code len(train_dataloader)}. */
  long loaderBatches() {
    return geometry.loaderBatches().getAsLong();
  }

  /** The note that says how {@code max_steps} was counted. */
  Violation note() {
    return TransformersCode.updatesFromEpochs(TrainingArgumentsFields.NUM_TRAIN_EPOCHS, epochs, maxSteps, updatesPerEpoch(),
        loaderBatches(), geometry.datasetSize().getAsLong(), geometry.batchSize().getAsLong(),
        geometry.dropLast() ? "the last incomplete one dropped" : "the last one kept if incomplete", geometry.dataParallel(), geometry.gradientAccumulation());
  }
}
