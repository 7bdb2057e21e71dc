package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import org.junit.jupiter.api.Test;

/**
 * TrainingArguments in epochs with the data figures: what Trainer counts (hand-worked below from
 * {@code set_initial_training_values}), what it refuses, and the figures named where {@code
 * max_steps} makes them moot.
 */
class TrainerLaunchTest {
  private static final String LINEAR = "'learning_rate': 1e-3, 'lr_scheduler_type': 'linear'";

  /** 1,000 examples, batch 8 (the default) on 3 processes: 125 batches, 42 per process (even_batches); 3 epochs (the default): 126. */
  @Test
  void defaultsAreTrainingArgumentsDefaults() {
    Imported imported = assertWarnings("{" + LINEAR + ", 'dataset_length': 1000, 'world_size': 3}",
        "[UpdatesFromEpochs] num_train_epochs: max_steps is -1, so Trainer counts the run from num_train_epochs (3): 1000 examples in"
            + " batches of 8, the last one kept if incomplete, with world_size 3, are 42 loader batches per process,"
            + " gradient_accumulation_steps 1 makes them 42 updates per epoch (a last, partial accumulation is one), and max_steps ="
            + " ceil(3 × 42) = 126");

    // linear decay from 1e-3 over 126 updates, no warm-up: 1e-3 · (126 − 63) / 126 at update 63.
    assertEquals(1e-3 * 63 / 126, imported.plan().lr().valueAt(63), 1e-18);
    assertEquals(0.0, imported.plan().lr().valueAt(126));
  }

  /** transformers 4's per_gpu_train_batch_size wins: 1,000 / 100 = 10 batches, accumulation 3 → 4 updates, 2 epochs → 8. */
  @Test
  void thePerGpuBatchOfTransformers4Wins() {
    Imported imported = Configs.read("{'transformers_version': '4', " + LINEAR + ", 'num_train_epochs': 2, 'dataset_length': 1000,"
        + " 'world_size': 1, 'per_device_train_batch_size': 8, 'per_gpu_train_batch_size': 100, 'gradient_accumulation_steps': 3}");

    assertEquals(0.0, imported.plan().lr().valueAt(8));
    assertEquals(1e-3 / 8, imported.plan().lr().valueAt(7), 1e-18);
  }

  @Test
  void aMissingFigureIsNamed() {
    assertErrors("{" + LINEAR + ", 'num_train_epochs': 2, 'dataset_length': 1000}",
        "[MissingKey] world_size: missing required key 'world_size' (the number of processes the run is launched on (1 on a single"
            + " device))");
  }

  @Test
  void figuresUpstreamCannotRunAreRefused() {
    assertErrors("{" + LINEAR + ", 'num_train_epochs': 0, 'dataset_length': 0, 'world_size': 1, 'per_device_train_batch_size': 0}",
        "[NonPositiveLength] dataset_length: dataset_length (0) must be at least 1",
        "[NonPositiveLength] per_device_train_batch_size: per_device_train_batch_size (0) must be at least 1",
        "[NotPositive] num_train_epochs: num_train_epochs (0) must be greater than 0");
  }

  @Test
  void theFiguresChangeNothingWhereMaxStepsIsSet() {
    assertWarnings("{" + LINEAR + ", 'max_steps': 100, 'num_train_epochs': 2, 'dataset_length': 1000, 'world_size': 2}",
        "[IgnoredSetting] dataset_length: ignored: max_steps (100) sets the run's length, so Trainer does not count it from the data",
        "[IgnoredSetting] world_size: ignored: max_steps (100) sets the run's length, so Trainer does not count it from the data",
        "[IgnoredSetting] num_train_epochs: ignored: max_steps (100) overrides it");
  }
}
