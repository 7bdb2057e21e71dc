package dev.anneal.runtime;

import ai.djl.training.tracker.Tracker;
import dev.anneal.schedule.Plan;

/**
 * A {@link ScheduledTraining}'s learning rate as a DJL {@link Tracker}, for DJL's own optimizers.
 * DJL's {@code numUpdate} is ignored: the value comes from the schedule's own step (see {@link
 * ScheduledTraining}), computed once per step and shared by every parameter and device.
 */
final class ScheduleTracker implements Tracker {
  private final ScheduledTraining schedule;

  ScheduleTracker(ScheduledTraining schedule) {
    this.schedule = schedule;
  }

  /** The learning rate of the parameter's group for the update in progress. */
  @Override
  public float getNewValue(String parameterId, int numUpdate) {
    GroupBinding.Slot slot = schedule.slotOf(parameterId);
    return schedule.beginUpdate(slot, null).applied(slot.group(), Plan.LR);
  }

  /**
   * DJL calls this form only for trackers used without a parameter id; Anneal needs the id to pick
   * the group and to count the step, so it refuses.
   */
  @Override
  public float getNewValue(int numUpdate) {
    throw new UnsupportedOperationException(
        "an Anneal tracker serves per-parameter values: call getNewValue(parameterId, numUpdate) (DJL's optimizers do)");
  }
}
