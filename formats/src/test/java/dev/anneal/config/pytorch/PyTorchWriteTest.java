package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.builder.Schedules;
import dev.anneal.config.Formats;
import dev.anneal.config.ConfigFormat;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans written back as pytorch configs: what the reader produced round-trips, builder schedules map onto schedulers. */
class PyTorchWriteTest {
  private static final ConfigFormat PYTORCH = Formats.byName("pytorch");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("pytorch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyGoldenPlanRoundTripsToTheGoldenCurve(GoldenCase golden) {
    Plan read = PyTorchParityTest.read(golden).plan();

    String written = PYTORCH.write(read);
    Plan again = PYTORCH.read(written).plan();

    GoldenAssert.assertCurve(golden + " lr, written", golden.lr(), PyTorchParityTest.curve(again.lr(), golden));
    if (golden.momentum() != null) {
      GoldenAssert.assertCurve(golden + " momentum, written", golden.momentum(), PyTorchParityTest.curve(again.channel(Plan.MOMENTUM), golden));
    }
    assertEquals(written, PYTORCH.write(again), "writing is stable");
  }

  static Stream<String> composites() {
    String sgd = "{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}";
    return Stream.of(
        "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.1, \"total_iters\": 20}},"
            + " {\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 30, \"eta_min\": 0.001}}, {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 7}}],"
            + " \"milestones\": [10, 100]}}",
        "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.5, \"total_steps\": 40}},"
            + " {\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.5, \"end_factor\": 0.1, \"total_iters\": 30}},"
            + " {\"type\": \"CosineAnnealingWarmRestarts\", \"kwargs\": {\"T_0\": 10, \"T_mult\": 2}}], \"milestones\": [41, 80]}}",
        "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.01, \"max_lr\": 0.1, \"step_size_up\": 10}},"
            + " {\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 0}}, {\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [0, 3, 3]}}],"
            + " \"milestones\": [15, 30]}}",
        "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.1, \"total_iters\": 20}},"
            + " {\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 50}}, {\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5}}]}}",
        "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"epochs\": 10, \"steps_per_epoch\": 10, \"anneal_strategy\": \"linear\"}}",
        "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 0}}")
        .map(scheduler -> PyTorchFormatErrorsTest.config(sgd, scheduler));
  }

  @ParameterizedTest
  @MethodSource("composites")
  void compositePlansRoundTrip(String config) {
    Plan read = PYTORCH.read(config).plan();

    Plan again = PYTORCH.read(PYTORCH.write(read)).plan();

    // Up to 400 steps, or to the end of a plan that refuses steps after it (OneCycleLR).
    int steps = (int) Math.min(400, read.lr().afterEnd() == AfterEnd.FAIL ? read.lr().declaredEnd().getAsLong() : 400);
    assertSameCurve(read.lr(), again.lr(), steps);
    if (read.findChannel(Plan.MOMENTUM).isPresent()) {
      assertSameCurve(read.channel(Plan.MOMENTUM), again.channel(Plan.MOMENTUM), steps);
    }
  }

  @Test
  void warmupThenCosineIsASequentialLrThatHoldsTheEnd() throws Exception {
    Sequence lr = Schedules.linear(3e-5, 3e-4).over(100).then().cosineTo(3e-5).over(900).build();

    String written = PYTORCH.write(Plan.of(lr));

    assertEquals(JSON.readTree("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 3.0E-4}, \"scheduler\": {\"type\": \"SequentialLR\", \"kwargs\": {"
        + "\"schedulers\": ["
        + "{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.1, \"end_factor\": 1.0, \"total_iters\": 100}},"
        + "{\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 900, \"eta_min\": 3.0E-5}},"
        + "{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.1, \"end_factor\": 0.1, \"total_iters\": 1}}],"
        + "\"milestones\": [100, 1000]}}}"), JSON.readTree(written));
    assertSameCurve(lr, PYTORCH.read(written).plan().lr(), 1500);
  }

  @Test
  void aCosineThatContinuesIsCosineAnnealingLrAlone() throws Exception {
    Sequence lr = Schedules.cosine(0.1, 0.001).over(50).afterEnd(AfterEnd.CONTINUE).build();

    String written = PYTORCH.write(Plan.of(lr));

    assertEquals(JSON.readTree("{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"CosineAnnealingLR\","
        + " \"kwargs\": {\"T_max\": 50, \"eta_min\": 0.001}}}"), JSON.readTree(written));
    assertSameCurve(lr, PYTORCH.read(written).plan().lr(), 300);
  }

  @Test
  void aConstantBeforeACosineIsAConstantLrOfTheCosinesStart() {
    Sequence lr = new Sequence(List.of(new Phase(new Constant(5e-4), 10), new Phase(new Cosine(1e-3, 0), 90)), AfterEnd.CONTINUE);

    assertSameCurve(lr, PYTORCH.read(PYTORCH.write(Plan.of(lr))).plan().lr(), 300);
  }

  @Test
  void stepDecayAfterAConstantWarmStart() {
    Sequence lr = Schedules.constant(0.01).over(5).then().constant(0.1).over(5).then().stepDecay(30, 0.1).forever().build();

    assertSameCurve(lr, PYTORCH.read(PYTORCH.write(Plan.of(lr))).plan().lr(), 200);
  }

  @Test
  void whatPyTorchLacksIsNamed() {
    assertUnsupported("[Unsupported] channels.lr.phases[2]: cannot be written as PyTorch: PyTorch has no WSD 1-sqrt decay",
        Plan.of(Schedules.linear(1e-5, 1e-3).over(10).then().constant().over(80).then().oneMinusSqrtTo(1e-5).over(10).build()));
    assertUnsupported("[Unsupported] channels.lr.phases[0]: cannot be written as PyTorch: PyTorch has no inverse square root schedule",
        Plan.of(Schedules.inverseSqrt(1e-3, 100).forever().build()));
    assertUnsupported("[Unsupported] channels.lr.phases[0]: cannot be written as PyTorch: PyTorch 1.13's ConstantLR and LinearLR cannot start at or hold a learning rate"
            + " of 0: they divide by the factor; start above 0",
        Plan.of(Schedules.linear(0, 3e-4).over(100).then().cosineTo(0).over(900).build()));
    assertUnsupported("[Unsupported] channels.lr.phases[0]: cannot be written as PyTorch: PyTorch's PolynomialLR decays to 0; it has no end value (this phase ends at 1.0E-5)",
        Plan.of(Schedules.polynomial(1e-3, 1e-5, 2).over(100).build()));
    assertUnsupported("[Unsupported] channels.lr.phases[1]: cannot be written as PyTorch: PyTorch's CosineAnnealingLR starts from the optimizer's learning rate (0.001)"
            + " when it follows another scheduler, but this phase starts at 5.0E-4",
        Plan.of(new Sequence(List.of(new Phase(new Cosine(1e-3, 1e-4), 50), new Phase(new Cosine(5e-4, 0), 50)), AfterEnd.CONTINUE)));
    assertUnsupported("[Unsupported] channels.lr.afterEnd: cannot be written as PyTorch: PyTorch's schedulers never refuse a step past the end; declare HOLD or CONTINUE",
        Plan.of(Schedules.linear(1e-4, 1e-3).over(10).afterEnd(AfterEnd.FAIL).build()));
    assertUnsupported("[Unsupported] channels.weight_decay: cannot be written as PyTorch: PyTorch's learning-rate schedulers do not schedule weight_decay",
        new Plan(Map.of(Plan.LR, Schedules.constant(0.1).forever().build(), Plan.WEIGHT_DECAY, Schedules.constant(0.01).forever().build())));
    assertUnsupported("[Unsupported] channels.momentum: cannot be written as PyTorch: PyTorch cycles momentum only with CyclicLR and OneCycleLR, mirroring their learning"
            + " rate; this momentum channel is not such a mirror",
        Plan.of(Schedules.constant(0.1).forever().build()).with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build()));
  }

  private static void assertUnsupported(String expected, Plan plan) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> PYTORCH.write(plan));
    assertEquals(expected, e.getMessage());
  }

  private static void assertSameCurve(Schedule expected, Schedule actual, int steps) {
    GoldenAssert.assertCurve("written and read back", expected.values(0, steps), actual.values(0, steps));
  }
}
