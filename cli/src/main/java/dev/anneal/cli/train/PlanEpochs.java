package dev.anneal.cli.train;

import dev.anneal.cli.CliCode;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The epoch a config's plan is written for, and whether {@code anneal train}'s epoch is that one.
 * A plan stepped per epoch holds each value through an epoch of the updates its geometry (or its
 * cadence) states; the command's epoch is one pass over its training rows, a batch per update. If
 * the two differ the values would change mid-epoch and a plateau would see its metric off the
 * epoch's end, so the run is refused before it starts rather than trained differently.
 */
public final class PlanEpochs {
  private PlanEpochs() {}

  /**
   * The updates per epoch the plan is written for: its geometry's, else its per-epoch cadences';
   * empty when neither states one.
   *
   * @param geometry the config's geometry, or {@code null}
   * @throws InvalidScheduleException ({@code EpochLengthsDisagree}) if the geometry and a cadence disagree
   */
  public static OptionalLong of(Plan plan, RunGeometry geometry) {
    ScheduledTraining.Builder builder = ScheduledTraining.builder().setPlan(plan);
    if (geometry != null) {
      builder.optGeometry(geometry);
    }
    return builder.build().updatesPerEpoch();
  }

  /**
   * The error when the plan's epoch is not the command's, else empty.
   *
   * @param planEpoch the plan's updates per epoch ({@link #of}), empty when it knows none
   * @param rows the training rows
   * @param batch the examples per update
   */
  public static Optional<Violation> mismatch(OptionalLong planEpoch, long rows, long batch) {
    long trainEpoch = (rows + batch - 1) / batch;
    if (planEpoch.isEmpty() || planEpoch.getAsLong() == trainEpoch) {
      return Optional.empty();
    }
    long wanted = planEpoch.getAsLong();
    long fitting = (rows + wanted - 1) / wanted; // the smallest batch whose epoch is at most `wanted` updates
    String geometry = "make the config's geometry state updates_per_epoch " + trainEpoch;
    String fix = (rows + fitting - 1) / fitting == wanted
        ? "give --batch-size " + fitting + ", or " + geometry
        : "no --batch-size gives " + wanted + " updates per epoch over " + rows + " rows; " + geometry;
    return Optional.of(CliCode.epochLengthDiffers(wanted, trainEpoch, rows, batch, fix));
  }
}
