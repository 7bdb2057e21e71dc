package dev.anneal.cli.train;

import java.util.List;
import java.util.Objects;

/**
 * What a run of {@code anneal train} did.
 *
 * @param devices the devices it trained on, as DJL names them ({@code cpu()}, {@code gpu(0)})
 * @param log every update's applied values and loss
 * @param epochs the passes over the training examples begun
 * @param trainingAccuracy the fraction of training examples classified right after the last update
 * @param heldOutAccuracy the fraction of held-out examples classified right after the last update
 * @param seconds the wall-clock time of the updates (not of loading the engine or measuring accuracy)
 * @param resumedAfter the updates the checkpoint it resumed from had applied; 0 for a run from the start
 * @param epochLosses the held-out loss after each epoch this process completed, fed to a plan's
 *     plateau stepped per epoch; empty for other plans
 */
public record TrainingResult(String devices, RunLog log, long epochs, double trainingAccuracy, double heldOutAccuracy, double seconds,
    long resumedAfter, List<Double> epochLosses) {
  public TrainingResult {
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(log, "log");
    epochLosses = List.copyOf(epochLosses);
  }
}
