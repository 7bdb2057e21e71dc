package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.StepDecay;
import dev.anneal.schedule.Stepped;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry, lengths in units and cadences in Anneal JSON: reading, writing, and every error in full. */
class AnnealGeometryFormatTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  @Test
  void tokensWithABatchScheduleGiveTheSameUpdatesAsTheBuilder() {
    String json = """
        {
          "geometry": {"sequence_length": 2048, "batch_size": 1, "data_parallel": 16, "batch_steps": "0:32 4M:64 12M:128"},
          "lr": {
            "phases": [
              {"shape": "linear", "from": 0, "to": 3e-4, "steps": {"tokens": 2e6}},
              {"shape": "cosine", "from": 3e-4, "to": 3e-5, "steps": {"samples": 20000}},
              {"shape": "constant", "value": 3e-5, "steps": 100}
            ]
          }
        }
        """;
    Schedule read = FORMAT.read(json).plan().lr();
    RunGeometry geometry = RunGeometry.builder().sequenceLength(2048).batchSize(1).dataParallel(16)
        .batchSchedule(MegatronBatchSteps.parse("flag", "0:32 4M:64 12M:128", 2048)).build();
    Schedule built = Schedules.linear(0, 3e-4).over(Length.tokens(2_000_000))
        .then().cosineTo(3e-5).over(Length.samples(20_000))
        .then().constant().over(100)
        .build(geometry);
    assertEquals(built, read);
    // 2M tokens = 977 samples: 31 updates of 32 (992). Then 20,000 samples more, to 20,992: 31 more
    // of 32 reach the 1,953 threshold (1,984), 61 of 64 the 5,859 one (5,888), 118 of 128 the rest.
    assertEquals(List.of(31L, 210L, 100L), read.phases().stream().map(p -> p.steps()).toList());
    assertEquals(geometry, FORMAT.readGeometry(json).orElseThrow());
  }

  @Test
  void theGpt3ExampleInTokensIsTheBuilderSchedule() throws java.io.IOException {
    String json = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "gpt3-175b-tokens.json"));
    RunGeometry geometry = RunGeometry.builder().sequenceLength(2048)
        .batchSchedule(MegatronBatchSteps.parse("flag", "0:16 2.4B:320 4.8B:624 7.2B:928 9.6B:1232 12B:1536", 2048)).build();
    // The example is clocked in tokens, as Megatron's scheduler runs on consumed samples.
    Schedule built = Schedules.linear(0, 6e-5).over(375, Unit.TOKENS.millions())
        .then().cosineTo(6e-6).over(259.625, Unit.TOKENS.billions())
        .then().constant().forever()
        .clockedIn(dev.anneal.schedule.Clock.TOKENS)
        .build(geometry);
    Schedule read = FORMAT.read(json).plan().lr();
    assertEquals(built, read);
    for (long step = 0; step < 200_000; step += 997) {
      assertEquals(Double.doubleToLongBits(built.valueAt(step)), Double.doubleToLongBits(read.valueAt(step)), "step " + step);
    }
    // The phases count tokens; they end where the consumed tokens reach 375M and 260B, as the
    // geometry's update boundaries show.
    assertEquals(List.of(375_000_000L, 259_625_000_000L), read.phases().subList(0, 2).stream().map(p -> p.steps()).toList());
    assertEquals(375_029_760L, geometry.amountIn(Unit.TOKENS, 11_445).longValueExact());
    assertEquals(260_000_251_904L, geometry.amountIn(Unit.TOKENS, 159_835).longValueExact());
    assertEquals(true, geometry.amountIn(Unit.TOKENS, 159_834).longValueExact() < 260_000_000_000L);
  }

  @Test
  void aTokenScheduleWithABatchRampIsTheBuilderSchedule() {
    // A GPT-3-style ramp: 32 → 1,536 sequences in increments of 32 over the first 4B tokens.
    String json = """
        {
          "geometry": {"sequence_length": 2048, "batch_ramp": {"start": 32, "increment": 32, "full": 1536, "tokens": 4e9}},
          "lr": {
            "phases": [
              {"shape": "linear", "from": 0, "to": 6e-4, "steps": {"tokens": 375e6}},
              {"shape": "cosine", "from": 6e-4, "to": 6e-5, "steps": {"tokens": 10e9}}
            ]
          }
        }
        """;
    RunGeometry geometry = RunGeometry.builder().sequenceLength(2048).batchSchedule(new BatchRamp(32, 32, 4_000_000_000L / 2048, 1536)).build();
    Schedule built = Schedules.linear(0, 6e-4).over(375, Unit.TOKENS.millions()).then().cosineTo(6e-5).over(10, Unit.TOKENS.billions()).build(geometry);
    Schedule read = FORMAT.read(json).plan().lr();
    assertEquals(built, read);
    for (long step = 0; step < 10_000; step++) {
      assertEquals(Double.doubleToLongBits(built.valueAt(step)), Double.doubleToLongBits(read.valueAt(step)), "step " + step);
    }
    long warmup = read.phases().get(0).steps();
    assertEquals(true, geometry.amountIn(Unit.TOKENS, warmup).longValueExact() >= 375_000_000L);
    assertEquals(true, geometry.amountIn(Unit.TOKENS, warmup - 1).longValueExact() < 375_000_000L);
  }

  @Test
  void aPerEpochScheduleRoundTripsWithItsGeometry() {
    Plan plan = new Plan(java.util.Map.of(
        Plan.LR, Schedules.stepDecay(0.1, 30, 0.1).over(90).steppedPerEpoch().build(RunGeometry.ofUpdatesPerEpoch(45))));
    String written = FORMAT.write(plan);
    assertEquals("""
        {
          "geometry": {"updates_per_epoch": 45},
          "lr": {
            "cadence": "epoch",
            "phases": [
              {"shape": "step", "from": 0.1, "every": 30, "factor": 0.1, "steps": 90}
            ],
            "after": "hold"
          }
        }
        """, written);
    assertEquals(plan, FORMAT.read(written).plan());
    Stepped every = new Stepped(Schedules.constant(1).over(5).build(), Cadence.every(4));
    assertEquals(every, FORMAT.readSchedule(FORMAT.writeSchedule(every)));
  }

  @Test
  void epochsResolveAgainstTheDataSetFigures() {
    // The Trainer's 2.5 epochs of 157 updates: ceil(392.5) = 393.
    String json = "{\"geometry\": {\"dataset_size\": 5003, \"batch_size\": 8, \"drop_last\": true, \"gradient_accumulation\": 4},"
        + " \"phases\": [{\"shape\": \"linear\", \"from\": 1, \"to\": 0, \"steps\": {\"epochs\": 2.5}}]}";
    assertEquals(393, FORMAT.readSchedule(json).phases().get(0).steps());
    assertEquals(Length.of(2.5, Unit.EPOCHS), new Length(new java.math.BigDecimal("2.50"), Unit.EPOCHS));
  }

  @Test
  void stepSizesAndMilestonesInUnitsCountFromTheirPhase() {
    String json = "{\"geometry\": {\"updates_per_epoch\": 7}, \"phases\": ["
        + "{\"shape\": \"constant\", \"value\": 0.1, \"steps\": {\"epochs\": 1}},"
        + "{\"shape\": \"milestones\", \"from\": 0.1, \"milestones\": [{\"epochs\": 30}, 420, {\"epochs\": 80}], \"factor\": 0.1, \"steps\": \"forever\"}]}";
    assertEquals(new Milestones(0.1, List.of(210L, 420L, 560L), 0.1), FORMAT.readSchedule(json).phases().get(1).shape());
    String step = "{\"geometry\": {\"updates_per_epoch\": 45}, \"phases\": ["
        + "{\"shape\": \"step\", \"from\": 0.1, \"every\": {\"epochs\": 30}, \"factor\": 0.1, \"steps\": {\"epochs\": 90}}]}";
    assertEquals(new StepDecay(0.1, 1350, 0.1), FORMAT.readSchedule(step).phases().get(0).shape());
    assertErrors("{\"phases\": [{\"shape\": \"milestones\", \"from\": 0.1, \"milestones\": [10, {\"epochs\": 30}], \"factor\": 0.1, \"steps\": 100}]}",
        "[UnitNeedsGeometry] phases[0].milestones[1]: milestones[1] is given in epochs, which needs a run geometry; add \"geometry\": {…} at the top of the file (docs/units.md)");
  }

  @Test
  void unitsWithoutTheFiguresTheyNeedAreRefused() {
    assertErrors("{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": {\"tokens\": 375e6}}]}}",
        "[UnitNeedsGeometry] lr.phases[0].steps: steps is given in tokens, which needs a run geometry; add \"geometry\": {…} at the top of the file (docs/units.md)");
    assertErrors("{\"geometry\": {\"updates_per_epoch\": 10}, \"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": {\"tokens\": 375e6}}]}}",
        "[UnitNeedsGeometry] lr.phases[0].steps: steps is given in tokens, which needs a sequence length in the run geometry; give sequence_length");
    assertErrors("{\"lr\": {\"cadence\": \"epoch\", \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 3}]}}",
        "[UnitNeedsGeometry] lr.cadence: cadence is given in epochs, which needs the updates per epoch in the run geometry; "
            + "add \"geometry\": {\"updates_per_epoch\": N} (or dataset_size and batch_size) at the top of the file");
  }

  @Test
  void malformedLengthsCadencesAndGeometriesAreRefused() {
    assertErrors("{\"geometry\": {\"updates_per_epoch\": 10}, \"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": {\"epoch\": 3}}]}}",
        "[UnknownKey] lr.phases[0].steps.epoch: unknown key 'epoch'; a length is in one of: updates, epochs, samples, tokens");
    assertErrors("{\"lr\": {\"cadence\": {\"every\": 4}, \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": {\"updates\": 10}}]}}",
        "[LengthOffCadence] lr.phases[0].steps: steps (10 updates) is 10 updates, not a whole number of the schedule's steps of 4 updates; "
            + "give a multiple of 4 updates, or a bare count of the schedule's steps");
    assertErrors("{\"lr\": {\"cadence\": \"weekly\", \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 3}]}}",
        "[WrongType] lr.cadence: expected \"update\", \"epoch\" or {\"every\": N}, found \"weekly\"");
    assertErrors("{\"geometry\": {\"sequence_length\": 1024, \"batch_steps\": \"5000:16 100K:32\"}, \"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 3}]}}",
        "[InvalidBatchSchedule] geometry.batch_steps: batch-size schedule entry '4:16' is the first after sorting, at 4 samples; the first entry must have threshold 0");
  }

  private static void assertErrors(String json, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(json));
    assertEquals(List.of(expected), e.violations().stream().map(Violation::toString).toList());
  }
}
