package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;

/** Compares a plan's channel with the one its written config reads back as. */
final class WriteCheck {
  /** Steps compared past the last phase boundary, where every formula has shown its course. */
  private static final long MARGIN = 1_000;

  private static final long MAX_STEPS = 2_000_000;

  private WriteCheck() {}

  /**
   * Throws {@code Unsupported} at the first step where {@code back} differs from {@code plan} by
   * more than floating-point rounding (1e-12 relative, 1e-18 absolute), up to the last phase boundary plus a margin.
   */
  static void sameCurve(String channel, Schedule plan, Schedule back) {
    long boundaries = 0;
    for (Phase phase : plan.phases()) {
      if (!phase.isOpen()) {
        boundaries += phase.steps();
      }
    }
    long end = Math.max(boundaries, plan.declaredEnd().orElse(0));
    long limit = Math.min(MAX_STEPS, plan.afterEnd() == AfterEnd.FAIL && plan.declaredEnd().isPresent() ? end : end + MARGIN);
    for (long step = 0; step < limit; step++) {
      double expected = plan.valueAt(step);
      double actual = back.valueAt(step);
      if (Math.abs(expected - actual) > 1e-12 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-18) {
        throw PyTorchWriter.unsupported("channels." + channel, "the closest PyTorch scheduler gives " + Checks.show(actual) + " at step " + step
            + " where the plan has " + Checks.show(expected));
      }
    }
  }
}
