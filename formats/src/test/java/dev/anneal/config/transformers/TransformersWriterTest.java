package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.LogWarmup;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Writing plans back as transformers configs: exact where transformers can say it, Unsupported otherwise. */
class TransformersWriterTest {
  private static final TransformersFormat FORMAT = new TransformersFormat();

  static Stream<GoldenCase> goldenCases() {
    return GoldenCase.all("transformers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void everyGoldenCaseRoundTripsToTheSameSchedule(GoldenCase golden) {
    Plan read = FORMAT.read(GoldenInputs.forSystem("transformers").configText(golden)).plan();

    Plan again = FORMAT.read(FORMAT.write(read)).plan();

    assertEquals(read.lr(), again.lr(), "the same phases, bound to the same learning rate");
    GoldenAssert.assertCurve(golden + " after a round trip", golden.lr(), again.lr().values(0, golden.steps()));
  }

  static Stream<Arguments> presets() {
    return Stream.of(
        Arguments.of("constant", TransformersSchedules.constant(1e-3)),
        Arguments.of("constant_with_warmup", TransformersSchedules.constantWithWarmup(1e-3, 7)),
        Arguments.of("linear, warm-up past the end", TransformersSchedules.linearWithWarmup(1e-3, 10, 4)),
        Arguments.of("linear, no warm-up", TransformersSchedules.linearWithWarmup(1e-3, 0, 9)),
        Arguments.of("cosine, 2 cycles", TransformersSchedules.cosineWithWarmup(1e-3, 5, 50, 2)),
        Arguments.of("cosine, warm-up = total", TransformersSchedules.cosineWithWarmup(1e-3, 5, 5)),
        Arguments.of("hard restarts, 2.5 cycles", TransformersSchedules.cosineWithHardRestartsWithWarmup(1e-3, 3, 40, 2.5)),
        Arguments.of("polynomial, power 0", TransformersSchedules.polynomialDecayWithWarmup(1e-3, 2, 5, 1e-4, 0)),
        Arguments.of("polynomial, total < warm-up", TransformersSchedules.polynomialDecayWithWarmup(1e-3, 10, 5, 3e-5, 2)),
        Arguments.of("polynomial, odd lr_end", TransformersSchedules.polynomialDecayWithWarmup(3e-4, 0, 17, 1.234567e-7, 1.5)),
        Arguments.of("inverse_sqrt, no warm-up", TransformersSchedules.inverseSqrt(1e-3, 0)),
        Arguments.of("inverse_sqrt, own timescale", TransformersSchedules.inverseSqrt(1e-3, 100, 37.5)),
        Arguments.of("cosine_with_min_lr", TransformersSchedules.cosineWithMinLrWithWarmup(3e-4, 10, 100, 0.5, MinLr.absolute(3e-5))),
        Arguments.of("cosine_warmup_with_min_lr, no warm-up",
            TransformersSchedules.cosineWithMinLrWithWarmupLrRate(3e-4, 0, 100, 0.5, MinLr.rate(0.1), OptionalDouble.empty())),
        Arguments.of("cosine_warmup_with_min_lr, warm-up 1 from a rate",
            TransformersSchedules.cosineWithMinLrWithWarmupLrRate(3e-4, 1, 100, 0.75, MinLr.rate(0.1), OptionalDouble.of(0.3))),
        Arguments.of("cosine_warmup_with_min_lr, warm-up from 0",
            TransformersSchedules.cosineWithMinLrWithWarmupLrRate(3e-4, 8, 100, 0.5, MinLr.rate(0), OptionalDouble.of(0))),
        Arguments.of("wsd, one cycle down", TransformersSchedules.wsd(1e-3,
            WsdArguments.ofPhases(4, 3, 6).withNumCycles(1).withMinLrRatio(0.25).withWarmupType(WsdCurve.ONE_MINUS_SQRT))),
        Arguments.of("wsd, no decay", TransformersSchedules.wsd(1e-3, WsdArguments.ofPhases(4, 3, 0).withMinLrRatio(0.5))),
        Arguments.of("wsd, nothing but the floor", TransformersSchedules.wsd(1e-3, WsdArguments.ofPhases(0, 0, 0).withMinLrRatio(0.5))),
        Arguments.of("wsd, linear decay", TransformersSchedules.wsd(1e-3,
            WsdArguments.ofTraining(4, 6, 20).withDecayType(WsdCurve.LINEAR).withMinLrRatio(0.1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void presetsRoundTripToTheSameNumbers(String name, TransformersPreset preset) {
    Schedule again = FORMAT.read(FORMAT.write(preset.plan())).plan().lr();

    assertArrayEquals(preset.schedule().values(0, 300), again.values(0, 300), name);
  }

  @Test
  void aBuilderWarmupAndLinearDecayIsTheLinearType() {
    Schedule lr = Schedules.linear(0, 3e-4).over(100).then().linearTo(0).over(900).build();

    String written = FORMAT.write(Plan.of(lr));

    assertEquals(
        String.join("\n",
            "{",
            "  \"learning_rate\" : 3.0E-4,",
            "  \"lr_scheduler_type\" : \"linear\",",
            "  \"warmup_steps\" : 100,",
            "  \"max_steps\" : 1000",
            "}",
            ""),
        written);
    // 3e-4 + (0 - 3e-4) * t/n against 3e-4 * (1 - t/n): equal up to the last bit.
    GoldenAssert.assertCurve("linear", lr.values(0, 1200), FORMAT.read(written).plan().lr().values(0, 1200));
  }

  @Test
  void aBuilderCosineIsCosineWhenItContinuesAndWarmupStableDecayWhenItHolds() {
    Schedule continues = Schedules.linear(0, 3e-4).over(100).then().cosineTo(0).over(900).afterEnd(AfterEnd.CONTINUE).build();
    String cosine = FORMAT.write(Plan.of(continues));
    assertEquals(
        Configs.json("{'learning_rate':3.0E-4,'lr_scheduler_type':'cosine','warmup_steps':100,'max_steps':1000}"),
        cosine.replaceAll("\\s", ""));
    assertArrayEquals(continues.values(0, 2500), FORMAT.read(cosine).plan().lr().values(0, 2500));

    Schedule holds = Schedules.linear(0, 3e-4).over(100).then().cosineTo(0).over(900).build();
    String wsd = FORMAT.write(Plan.of(holds));
    assertEquals(
        Configs.json("{'learning_rate':3.0E-4,'lr_scheduler_type':'warmup_stable_decay','warmup_steps':100,'max_steps':1000,"
            + "'lr_scheduler_kwargs':{'num_decay_steps':900}}"),
        wsd.replaceAll("\\s", ""));
    assertArrayEquals(holds.values(0, 2500), FORMAT.read(wsd).plan().lr().values(0, 2500));
  }

  @Test
  void aBuilderDecayToAFloorMatchesUpToRounding() {
    Schedule lr = Schedules.linear(0, 3e-4).over(100).then().cosineTo(3e-5).over(900).afterEnd(AfterEnd.CONTINUE).build();
    String written = FORMAT.write(Plan.of(lr));
    assertEquals(
        Configs.json("{'learning_rate':3.0E-4,'lr_scheduler_type':'cosine_with_min_lr','warmup_steps':100,'max_steps':1000,"
            + "'lr_scheduler_kwargs':{'min_lr_rate':0.1}}"),
        written.replaceAll("\\s", ""));
    GoldenAssert.assertCurve("floor", lr.values(0, 3000), FORMAT.read(written).plan().lr().values(0, 3000));

    Schedule wsd = Schedules.constant(1e-3).over(500).then().linearTo(1e-4).over(250).build();
    String stableDecay = FORMAT.write(Plan.of(wsd));
    assertEquals(
        Configs.json("{'learning_rate':0.001,'lr_scheduler_type':'warmup_stable_decay','warmup_steps':0,'max_steps':750,"
            + "'lr_scheduler_kwargs':{'num_decay_steps':250,'decay_type':'linear','min_lr_ratio':0.1}}"),
        stableDecay.replaceAll("\\s", ""));
    GoldenAssert.assertCurve("wsd", wsd.values(0, 2000), FORMAT.read(stableDecay).plan().lr().values(0, 2000));
  }

  @Test
  void whatTransformersLacksIsNamed() {
    assertUnsupported(
        Plan.of(Schedules.cyclic(1e-4, 1e-3, 100, 100).forever().build()),
        "[Unsupported] channels.lr.phases[0]: cannot be written as transformers: transformers has no cyclic schedule");
    assertUnsupported(
        Plan.of(Schedules.linear(0, 1e-3).over(10).then().stepDecay(100, 0.5).forever().build()),
        "[Unsupported] channels.lr.phases[1]: cannot be written as transformers: transformers has no step decay");
    assertUnsupported(
        Plan.of(new Sequence(List.of(new Phase(new LogWarmup(0, 1e-3), 10), new Phase(new Constant(1e-3), Phase.OPEN)))),
        "[Unsupported] channels.lr.phases[0]: cannot be written as transformers: transformers has no logarithmic warm-up (its warm-ups are linear from 0)");
    assertUnsupported(
        TransformersSchedules.constant(1e-3).plan().with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build()),
        "[Unsupported] channels.momentum: cannot be written as transformers: transformers has no momentum schedule: its schedulers set the learning rate only");
    assertUnsupported(
        Plan.of(new Product(List.of(Schedules.constant(1e-3).forever().build(), Schedules.constant(0.5).forever().build()))),
        "[Unsupported] channels.lr: cannot be written as transformers: transformers has no product of schedules (ChainedScheduler): a LambdaLR has one lambda");
    assertUnsupported(
        Plan.of(Schedules.linear(0, 1e-3).over(10).afterEnd(AfterEnd.FAIL).build()),
        "[Unsupported] channels.lr.afterEnd: cannot be written as transformers: transformers schedules have no end: after-end FAIL cannot be written (use HOLD or"
            + " CONTINUE)");
    assertUnsupported(
        Plan.of(Schedules.linear(0, 3e-4).over(100).then().cosineTo(3e-5).over(900).build()),
        "[Unsupported] channels.lr: cannot be written as transformers: transformers has no schedule of this form (linear over 100 steps, cosine over 900 steps,"
            + " constant for ever); it offers a linear warm-up from 0 followed by a constant, a linear decay to 0, a cosine"
            + " (continuing past the end), a cosine with hard restarts, a polynomial decay or an inverse square root; a cosine"
            + " to a floor (continuing, also +1-shifted); and warmup-stable-decay");
  }

  private static void assertUnsupported(Plan plan, String expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.write(plan));
    assertEquals(expected, e.getMessage());
  }
}
