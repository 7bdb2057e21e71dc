package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch case of the edge set ({@code golden-edge}, torch 1.13) and of the torch 2.x set
 * ({@code golden-pytorch2}): inputs torch runs without an exception although they look wrong
 * (gamma above 1, power 0, a floor above the start, an inverted or sawtooth cycle, a reduction
 * below eps, interacting or nested composites). Each is read from the config a user writes without
 * an error and reproduces every channel the case records, within the golden tolerance; the
 * single-scheduler ones also survive being written back as a pytorch config.
 */
class PyTorchEdgeGoldenTest {
  static Stream<GoldenCase> cases() {
    return Stream.concat(GoldenCase.all(GoldenSet.EDGE, "pytorch"), GoldenCase.all(GoldenSet.PYTORCH2, "pytorch"));
  }

  /** The cases of one scheduler, which the pytorch writer expresses as one scheduler again. */
  static Stream<GoldenCase> singleSchedulerCases() {
    return Stream.concat(
        Stream.of(
                "multisteplr-unsorted-gamma-gt1",
                "polynomiallr-power-0",
                "cycliclr-sawtooth-down-0",
                "cycliclr-base-above-max-exp-range",
                "cosineannealinglr-eta-min-above-lr",
                "reducelronplateau-eps-blocks")
            .map(name -> GoldenCase.named(GoldenSet.EDGE, "pytorch", name)),
        Stream.of(
                "pt2-constantlr-factor-1",
                "pt2-polynomiallr-power-1-past-end",
                "pt2-reducelronplateau-patience-0-eps-0")
            .map(name -> GoldenCase.named(GoldenSet.PYTORCH2, "pytorch", name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void torchRunsItSoAnnealReadsItWithoutAnError(GoldenCase golden) {
    Imported imported = PyTorchParityTest.read(golden);

    assertEquals("pytorch", imported.format());
    assertTrue(imported.warnings().stream().noneMatch(Violation::isError), () -> golden + ": " + imported.warnings());
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
      assertTrue(plan.findChannel(Plan.MOMENTUM).isEmpty(), golden + ": torch does not cycle momentum here");
    } else {
      assertTrue(plan.findChannel(Plan.MOMENTUM).isPresent(), golden + ": torch cycles momentum here");
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), PyTorchParityTest.curve(plan.channel(Plan.MOMENTUM), golden));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleSchedulerCases")
  void thePlanWrittenBackAsAPytorchConfigGivesTheSameCurves(GoldenCase golden) {
    ConfigFormat pytorch = Formats.byName("pytorch");
    Plan again = pytorch.read(pytorch.write(PyTorchParityTest.read(golden).plan())).plan();

    GoldenAssert.assertCurve(golden + " lr, written", golden.lr(), PyTorchParityTest.curve(again.lr(), golden));
    if (golden.momentum() != null) {
      GoldenAssert.assertCurve(golden + " momentum, written", golden.momentum(), PyTorchParityTest.curve(again.channel(Plan.MOMENTUM), golden));
    }
  }
}
