package dev.anneal.cli.train;

import dev.anneal.cli.data.Split;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Plan;
import java.util.Objects;

/**
 * Everything one run of {@code anneal train} needs, checked by the command before it starts.
 *
 * @param split the examples to train on and those held out
 * @param model the network
 * @param plan the schedule of every channel the optimizer applies
 * @param optimizer the optimizer and the constants of the channels the plan lacks
 * @param batchSize examples per update
 * @param updates how many optimizer updates to run (epochs follow from it)
 * @param seed the seed of the weights' initialisation and the batches' order
 * @param geometry the config's run geometry, or {@code null}: with the plan's per-epoch cadences it
 *     gives the epochs the run checks its own against
 */
public record TrainingSetup(Split split, Mlp model, Plan plan, OptimizerChoice optimizer, int batchSize, long updates, int seed,
    RunGeometry geometry) {
  /** The most updates one run may take (the log keeps every one). */
  public static final long MAX_UPDATES = 10_000_000;

  public TrainingSetup {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(optimizer, "optimizer");
    if (batchSize < 1 || updates < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " and updates " + updates + " must be at least 1");
    }
  }

  /** Updates in one pass over the training examples (the last batch may be smaller). */
  public long updatesPerEpoch() {
    return (split.train().rows() + batchSize - 1) / batchSize;
  }
}
