package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import java.util.function.Supplier;

/**
 * The update in progress and the guard that catches a step never advanced. The first update of a
 * step opens it and computes its values once; every other parameter and device of that step is
 * served the same values; ending the step closes it. Each parameter is updated once per device
 * (replica) per step, so one update more means nobody ended the step: the guard fails loudly
 * ({@code StepNotAdvanced}) rather than let the schedule freeze.
 *
 * <p>Kept apart from {@link RunState} because it changes within a step, on the per-parameter path,
 * where the run state does not. Not synchronized: {@link ScheduledTraining} opens, closes and sizes
 * it under its lock; {@link #current()} and {@link #count} are the lock-free per-parameter path.
 * The guard counts without atomics: updates of the same parameter from several threads at once
 * could let it miss a repeated update, never report one that did not happen.
 */
final class StepClock {
  private boolean open;
  /** The values of the update in progress; null between updates. */
  private volatile StepValues current;
  /**
   * Per bound parameter (by {@link GroupBinding.Slot#index()}): how often it was updated within
   * the step in {@code updateStep}; arrays rather than a map so that an update allocates nothing.
   * Sized by {@link #track} before the binding they index is published.
   */
  private int[] updatesThisStep = new int[0];
  private long[] updateStep = new long[0];
  private int deviceCount;

  /** Whether an update is in progress (begun, not yet ended). */
  boolean isOpen() {
    return open;
  }

  /** The values of the update in progress, or null between updates. Takes no lock. */
  StepValues current() {
    return current;
  }

  /** Opens an update with the values {@code compute} gives, unless one is open; returns its values. */
  StepValues open(Supplier<StepValues> compute) {
    if (!open) {
      open = true;
      current = compute.get();
    }
    return current;
  }

  /** Closes the update in progress and returns its values, or null if none was open. */
  StepValues close() {
    if (!open) {
      return null;
    }
    StepValues ended = current;
    open = false;
    current = null;
    return ended;
  }

  /** Starts guarding {@code parameters} bound parameters, each updated once per step on each of {@code devices}. */
  void track(int parameters, int devices) {
    this.deviceCount = devices;
    this.updatesThisStep = new int[parameters];
    this.updateStep = new long[parameters];
  }

  /** Keeps the device count and guards {@code parameters} parameters afresh (a binding replaced on restore). */
  void track(int parameters) {
    track(parameters, deviceCount);
  }

  /**
   * Counts one update of {@code slot}'s parameter within step {@code step}.
   *
   * @throws InvalidScheduleException ({@code StepNotAdvanced}) if it was already updated on every device
   */
  void count(GroupBinding.Slot slot, long step) {
    int parameter = slot.index();
    if (updateStep[parameter] != step) {
      updateStep[parameter] = step;
      updatesThisStep[parameter] = 0;
    }
    if (++updatesThisStep[parameter] > deviceCount) {
      throw new InvalidScheduleException(RuntimeCode.stepNotAdvanced(slot.name(), deviceCount, step));
    }
  }
}
