package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden PyTorch case, read through the {@code pytorch} format from the config a user would
 * write, reproduces upstream's learning rate (and momentum where PyTorch cycles it) at every step
 * within max(1e-12 absolute, 1e-9 relative). ReduceLROnPlateau is fed the recorded metrics.
 */
class PyTorchParityTest {
  static Stream<GoldenCase> cases() {
    return GoldenCase.all("pytorch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesUpstreamAtEveryStep(GoldenCase golden) {
    Plan plan = read(golden).plan();

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), curve(plan.lr(), golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void momentumMatchesUpstreamWhereItIsCycled(GoldenCase golden) {
    Plan plan = read(golden).plan();

    if (golden.momentum() == null) {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isEmpty(), golden + ": PyTorch does not cycle momentum here");
    } else {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isPresent(), golden + ": PyTorch cycles momentum here");
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), curve(plan.channel(Plan.MOMENTUM), golden));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theConfigReadsAsAPytorchPlan(GoldenCase golden) {
    Imported imported = read(golden);

    assertEquals("pytorch", imported.format());
    assertEquals(golden.momentum() == null ? 1 : 2, imported.plan().channels().size());
  }

  static Imported read(GoldenCase golden) {
    GoldenInputs inputs = GoldenInputs.forSystem("pytorch");
    return Formats.byName(inputs.format()).read(inputs.configText(golden));
  }

  /** The values at steps 0..N-1, feeding metric i after the update that used value i (as {@code scheduler.step(metric)} does). */
  static double[] curve(Schedule schedule, GoldenCase golden) {
    double[] values = new double[golden.steps()];
    ScheduleState state = schedule.initialState();
    for (int step = 0; step < values.length; step++) {
      values[step] = schedule.valueAt(step, state);
      if (golden.metrics() != null) {
        state = schedule.observe(state, step, golden.metrics()[step]);
      }
    }
    return values;
  }
}
