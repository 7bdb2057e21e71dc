package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.runtime.RangeTestResult;
import dev.anneal.schedule.Plan;
import org.junit.jupiter.api.Test;

/** The range test, then a one-cycle run from its suggestions. */
class FindLrThenOneCycleTest {
  private static final long STEPS = 450;

  @Test
  void theOneCycleRunSpansTheSuggestedBounds() {
    FindLrThenOneCycle.Result result = FindLrThenOneCycle.run(Samples.digits(), STEPS);
    RangeTestResult test = result.rangeTest();
    assertTrue(test.stoppedEarly(), "the ramp to 10 diverges before its 100 updates: " + test.points().size());
    long tried = test.points().stream().mapToDouble(RangeTestResult.Point::lr).filter(lr -> lr == test.cycleMaxLr()).count();
    assertEquals(1, tried, "cycle_max_lr is a learning rate the test tried");
    assertEquals(test.cycleMaxLr() / 10, test.cycleMinLr());

    Trace trace = result.trace();
    assertEquals(test.cycleMinLr(), trace.value(0, 0, Plan.LR), 1e-15 * test.cycleMinLr(), "the cycle starts at cycle_min_lr");
    // PyTorch's OneCycleLR, which the shape follows: the peak at pct_start * steps - 1, the end at steps - 1
    assertEquals(test.cycleMaxLr(), trace.value(134, 0, Plan.LR), 1e-15 * test.cycleMaxLr(), "the peak, 30% into the run");
    assertEquals(test.cycleMinLr() / 100, trace.value(STEPS - 1, 0, Plan.LR), 1e-15 * test.cycleMinLr(), "ends at a hundredth of cycle_min_lr");
    assertEquals(0.95, trace.value(0, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.85, trace.value(134, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.95, trace.value(STEPS - 1, 0, Plan.MOMENTUM), 1e-15);
    // How far the loss falls in 450 updates at the edge of stability depends on the CPU's kernels
    // (a factor of 2 on one machine, 4 on another), so the run is judged against the untrained
    // network's loss, which the range test measured first, and by its held-out accuracy.
    double first = trace.meanLoss(20, false), last = trace.meanLoss(20, true), untrained = test.points().get(0).loss();
    assertTrue(last < first, "the loss fell: " + first + " -> " + last);
    assertTrue(last < untrained / 4, "the trained loss " + last + " is under a quarter of the untrained loss " + untrained);
    assertTrue(result.heldOutAccuracy() > 0.9, "held-out accuracy " + result.heldOutAccuracy());
  }

  @Test
  void mainPrintsTheSuggestionsAndTheRun() {
    String out = Samples.stdout(() -> FindLrThenOneCycle.main(new String[] {"60"}));
    assertTrue(out.startsWith("range test: "), out);
    assertTrue(out.contains("\none-cycle: cycle_min_lr "), out);
  }
}
