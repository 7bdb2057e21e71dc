package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.megatron.MegatronGeometryGoldenAccess;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code "clock": "samples" | "tokens"} in Anneal JSON: a schedule evaluated at the samples (tokens)
 * the geometry's batch schedule has consumed before each update, which is Megatron's curve under a
 * batch-size schedule; it reads back what it writes.
 */
class AnnealClockTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  /** The phases of the golden cases' flags: warm-up over 2,000 samples, linear to 5e-5 at 200,000 (--train-samples), then 5e-5. */
  private static String linearInSamples(String geometry) {
    return "{\"geometry\": " + geometry + ",\n"
        + " \"lr\": {\"clock\": \"samples\", \"phases\": [\n"
        + "   {\"shape\": \"linear\", \"from\": 0, \"to\": 5e-4, \"steps\": {\"samples\": 2000}},\n"
        + "   {\"shape\": \"linear\", \"from\": 5e-4, \"to\": 5e-5, \"steps\": {\"samples\": 198000}},\n"
        + "   {\"shape\": \"constant\", \"value\": 5e-5, \"steps\": \"forever\"}]}}";
  }

  private static void assertMegatrons(String caseName, String text) {
    GoldenCase golden = GoldenCase.named(GoldenSet.GEOMETRY, "megatron", caseName);
    Clocked lr = (Clocked) FORMAT.read(text).plan().lr();
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), lr.values(0, golden.steps()));
    long[] batches = new long[golden.steps()];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = lr.consumption().batchOf(i);
    }
    assertArrayEquals(MegatronGeometryGoldenAccess.globalBatches(golden), batches);
  }

  /** The case only megatron.core reaches (seq_length=None): thresholds in samples, no sequence length. */
  @Test
  void theCoreApiCaseIsMegatronsCurveInSamples() {
    assertMegatrons("sbs-samples-core-api", linearInSamples("{\"batch_steps\": \"0:16 100K:32 400K:64\"}"));
  }

  /** The same schedule string read as tokens over a sequence length of 1,024 (97 and 390 samples). */
  @Test
  void theTokenThresholdCaseIsMegatronsCurveInSamples() {
    assertMegatrons("sbs-tokens-seq-1024", linearInSamples("{\"sequence_length\": 1024, \"batch_steps\": \"0:16 100K:32 400K:64\"}"));
  }

  @Test
  void aClockedPlanReadsBackWhatItWrites() {
    Plan plan = FORMAT.read(linearInSamples("{\"sequence_length\": 1024, \"batch_ramp\": {\"start\": 16, \"increment\": 16, \"full\": 64,"
        + " \"tokens\": 400000}}")).plan();
    String written = FORMAT.write(plan);
    assertTrue(written.contains("\"clock\": \"samples\""), written);
    assertEquals(plan, FORMAT.read(written).plan());
  }

  @Test
  void aClockNeedsAGeometryWithABatch() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> FORMAT.read("{\"lr\": {\"clock\": \"tokens\", \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": \"forever\"}]}}"));
    assertEquals(List.of("[UnitNeedsGeometry] lr.clock: clock is given in tokens, which needs a run geometry; add \"geometry\":"
            + " {\"batch_steps\": …} (or global_batch, batch_ramp, batch_size) and \"sequence_length\" at the top of the file (docs/units.md)"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aClockAndACadenceAreNotCombined() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> FORMAT.read("{\"geometry\": {\"global_batch\": 8, \"updates_per_epoch\": 10},\n \"lr\": {\"clock\": \"samples\", \"cadence\": \"epoch\","
            + " \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": \"forever\"}]}}"));
    assertEquals(List.of("[UnknownKey] lr.clock: unknown key 'clock'; a schedule clocked in samples or tokens is evaluated once per update:"
            + " give no cadence with it, and the clock once, on the outer schedule"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void tokensThatAreNoWholeSamplesAreRefusedAtTheirKey() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> FORMAT.read("{\"geometry\": {\"global_batch\": 8, \"sequence_length\": 100},\n \"lr\": {\"clock\": \"samples\","
            + " \"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": {\"tokens\": 150}}]}}"));
    assertEquals(List.of("[LengthOffClock] lr.phases[0].steps: steps (150 tokens) cannot be counted in samples: 150 tokens are 1 samples and"
            + " 50 tokens at sequence_length 100; give a multiple of 100 tokens, the length in samples, or clock the schedule in tokens"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
