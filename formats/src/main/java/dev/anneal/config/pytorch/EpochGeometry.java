package dev.anneal.config.pytorch;

import dev.anneal.config.JsonFields;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.RuleCode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The epoch figures of a {@code pytorch} config, read from its top-level keys: {@code
 * updates_per_epoch}, or the data-set figures a training script's {@code DataLoader} and Lightning
 * {@code Trainer} take ({@code dataset_size} = {@code len(dataset)}, {@code batch_size}, {@code
 * drop_last}, {@code accumulate_grad_batches}), and the run's {@code epochs}. The updates per epoch
 * follow {@link RunGeometry}'s rounding: {@code ceil(N / b)} loader batches ({@code floor} with
 * {@code drop_last}), then {@code ceil(batches / accumulate_grad_batches)} updates, since Lightning
 * steps the optimizer on an epoch's last batch even when the accumulation is incomplete.
 *
 * @param geometry the figures given (a geometry that knows nothing when none is)
 * @param epochs the run's epochs, or empty
 */
record EpochGeometry(RunGeometry geometry, OptionalLong epochs) {
  /** The top-level keys read here, in the order the docs list them. */
  static final String UPDATES_PER_EPOCH = "updates_per_epoch";
  static final String DATASET_SIZE = "dataset_size";
  static final String BATCH_SIZE = "batch_size";
  static final String DROP_LAST = "drop_last";
  static final String ACCUMULATE = "accumulate_grad_batches";
  static final String EPOCHS = "epochs";

  /** Where the geometry's own names differ from the config's keys. */
  private static final Map<String, String> FIELD_TO_KEY = Map.of("gradient_accumulation", ACCUMULATE);

  /** The updates in one epoch, given or derived, or empty. */
  OptionalLong updatesPerEpoch() {
    return geometry.updatesPerEpoch();
  }

  /**
   * The updates of the user's whole loop, {@code epochs} times the updates per epoch, or empty. The
   * {@code epochs} of a config whose epoch length is unknown count nothing: a note says so at the
   * key (it would otherwise be read and dropped silently).
   */
  OptionalLong runLength(JsonFields root) {
    if (epochs.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong perEpoch = updatesPerEpoch();
    if (perEpoch.isEmpty()) {
      root.ignored(EPOCHS, "the run's length in updates needs the updates per epoch: add " + UPDATES_PER_EPOCH + ", or "
          + DATASET_SIZE + " and " + BATCH_SIZE);
      return OptionalLong.empty();
    }
    if (epochs.getAsLong() > Long.MAX_VALUE / perEpoch.getAsLong()) {
      long most = Long.MAX_VALUE / perEpoch.getAsLong();
      root.problems().add(RuleCode.outOfRange(root.path(EPOCHS), EPOCHS, epochs.getAsLong(),
          "[1, " + most + "] with " + perEpoch.getAsLong() + " updates per epoch (the run's updates must fit a 64-bit count)"));
      return OptionalLong.empty();
    }
    return OptionalLong.of(epochs.getAsLong() * perEpoch.getAsLong());
  }

  /**
   * The figures of {@code root}, each problem recorded at its key; a figure with a problem is left
   * out (so the rest can still be checked).
   */
  static EpochGeometry read(JsonFields root) {
    RunGeometry.Builder figures = RunGeometry.builder();
    long dataset = positive(root, DATASET_SIZE);
    if (dataset > 0) {
      root.build(() -> figures.datasetSize(dataset), FIELD_TO_KEY);
    }
    long batch = positive(root, BATCH_SIZE);
    if (batch > 0) {
      root.build(() -> figures.batchSize(batch), FIELD_TO_KEY);
    }
    figures.dropLast(root.optBoolean(DROP_LAST, false));
    long accumulation = positive(root, ACCUMULATE);
    if (accumulation > 0) {
      root.build(() -> figures.gradientAccumulation(accumulation), FIELD_TO_KEY);
    }
    if (!root.has(DATASET_SIZE)) {
      // Without len(dataset) the loader figures count nothing; say so rather than drop them silently.
      for (String key : new String[] {BATCH_SIZE, DROP_LAST, ACCUMULATE}) {
        root.ignored(key, "it counts the updates per epoch only together with dataset_size, which is not given");
      }
    }
    RunGeometry derived = root.build(figures::build, FIELD_TO_KEY);
    long given = positive(root, UPDATES_PER_EPOCH);
    long epochs = positive(root, EPOCHS);
    RunGeometry geometry = derived == null ? RunGeometry.builder().build() : derived;
    if (given > 0) {
      if (derived != null && derived.updatesPerEpoch().isPresent() && derived.updatesPerEpoch().getAsLong() != given) {
        root.problems().add(PyTorchCode.epochFiguresDisagree(root.path(UPDATES_PER_EPOCH), given, derived.updatesPerEpoch().getAsLong(),
            DATASET_SIZE + " " + dataset + ", " + BATCH_SIZE + " " + batch + ", " + DROP_LAST + " " + derived.dropLast() + ", "
                + ACCUMULATE + " " + derived.gradientAccumulation()));
      }
      geometry = geometry.toBuilder().updatesPerEpoch(given).build();
    }
    return new EpochGeometry(geometry, epochs > 0 ? OptionalLong.of(epochs) : OptionalLong.empty());
  }

  /** The whole number at {@code key}, 0 when absent or not at least 1 (the problem recorded). */
  private static long positive(JsonFields root, String key) {
    if (!root.has(key)) {
      return 0;
    }
    int before = root.problems().all().size();
    long value = root.requireLong(key);
    if (root.problems().all().size() > before) {
      return 0;
    }
    if (value < 1) {
      root.problems().add(RuleCode.nonPositiveLength(root.path(key), key, value));
      return 0;
    }
    return value;
  }
}
