package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the PyTorch 2.x reference set, and the composite cases of the edge set (torch
 * 1.13), read from the config a user writes, reproduce upstream's learning rate and momentum (or
 * β1) at every step within the golden tolerance, with no error.
 */
class PyTorchCompositeGoldenTest {
  /** The edge cases that compose schedulers; the single-scheduler ones are tested with their schedulers. */
  private static final List<String> EDGE_COMPOSITES =
      List.of("sequentiallr-onecycle-second", "sequentiallr-equal-milestones", "chainedscheduler-cycliclr-exponential");

  static Stream<GoldenCase> cases() {
    return Stream.concat(
        GoldenCase.all(GoldenSet.PYTORCH2, "pytorch"),
        EDGE_COMPOSITES.stream().map(name -> GoldenCase.named(GoldenSet.EDGE, "pytorch", name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesUpstreamAtEveryStep(GoldenCase golden) {
    Plan plan = PyTorchParityTest.read(golden).plan();

    GoldenAssert.assertCurve(golden + " lr", golden.lr(), PyTorchParityTest.curve(plan.lr(), golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void momentumMatchesUpstreamWhereItIsCycled(GoldenCase golden) {
    Plan plan = PyTorchParityTest.read(golden).plan();

    if (golden.momentum() == null) {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isEmpty(), golden + ": PyTorch does not cycle momentum here");
    } else {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isPresent(), golden + ": PyTorch cycles momentum here");
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), PyTorchParityTest.curve(plan.channel(Plan.MOMENTUM), golden));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsWithoutError(GoldenCase golden) {
    Imported imported = PyTorchParityTest.read(golden);

    assertEquals("pytorch", imported.format());
    assertTrue(imported.warnings().stream().noneMatch(Violation::isError), golden + ": " + imported.warnings());
  }
}
