package dev.anneal.samples;

import static dev.anneal.annotation.Curve.EXPONENTIAL;
import static dev.anneal.annotation.Curve.LINEAR;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;
import dev.anneal.rules.InvalidScheduleException;

/**
 * A run whose lengths are all in its config: a linear warm-up from 1% of the peak, then an
 * exponential decay by {@code rate} per step for {@code decay} steps, then the last value held.
 * A length is a number of steps, however large: {@code decay = Long.MAX_VALUE} is refused (no
 * schedule lasts more than {@code Long.MAX_VALUE - 1} steps), never taken for "forever" — write
 * {@code steps = PhaseSpec.FOREVER} in the annotation for a decay that never ends.
 *
 * @param peak the learning rate at the end of the warm-up
 * @param warmup warm-up steps
 * @param decay decay steps
 * @param rate the factor per decay step, in (0, 1]
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
    @PhaseSpec(shape = EXPONENTIAL, steps = "decay", rate = "rate")})
public record DecayRun(double peak, long warmup, long decay, double rate) {
  /**
   * The schedule of this run.
   *
   * @throws InvalidScheduleException listing every problem of the config
   */
  public DecayRunSchedule schedule() {
    return DecayRunSchedule.of(this);
  }
}
