package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.golden.GoldenAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code anneal audit} through the command's entry point, on logs made by torch 1.13's schedulers
 * with each fault injected (src/test/resources/audit/make_logs.py says how). The config's values at
 * the first parting step are checked against torch's own clean run, clean.csv, within the golden
 * tolerance; the logged values are the logs' own.
 */
class AuditCommandTest {
  static final Path DIR = Path.of("src/test/resources/audit");
  static final String WARMUP_COSINE = DIR.resolve("warmup-cosine.pytorch.json").toString();
  private static final Pattern PARTING = Pattern.compile("first parting: step (\\d+) \\((.*)\\): logged (\\S+), the config gives (\\S+)");

  /** What torch's clean loop logged: the lr of update s+1 at index s. */
  static double[] torchCurve() throws IOException {
    return Files.readAllLines(DIR.resolve("clean.csv")).stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
  }

  static Anneal.Result audit(String log, String config, String... more) {
    String[] args = new String[more.length + 5];
    args[0] = "audit";
    args[1] = DIR.resolve(log).toString();
    args[2] = config;
    args[3] = "--format";
    args[4] = config.endsWith("trainer-args.json") ? "transformers" : "pytorch";
    System.arraycopy(more, 0, args, 5, more.length);
    return Anneal.run(args);
  }

  /** The line starting with {@code prefix}. */
  static String line(Anneal.Result result, String prefix) {
    return result.out().stream().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + result.out()));
  }

  /** Checks the first parting line: its step, where, the logged value as text, and the config's value against {@code expected}. */
  static void assertParting(Anneal.Result result, long step, String where, String logged, double expected) {
    Matcher parting = PARTING.matcher(line(result, "first parting: "));
    assertTrue(parting.matches(), parting.toString());
    assertEquals(step, Long.parseLong(parting.group(1)));
    assertEquals(where, parting.group(2));
    assertEquals(logged, parting.group(3));
    assertTrue(GoldenAssert.close(expected, Double.parseDouble(parting.group(4))), parting.group(4) + " is not " + expected);
  }

  @Test
  void aCleanRunPasses() {
    Anneal.Result result = audit("clean.csv", WARMUP_COSINE, "--quiet");

    assertEquals(List.of(
        "log: " + DIR.resolve("clean.csv") + " read as csv, steps from column 'step' and learning rates from column 'lr': 300 values, "
            + "steps 0 to 299 (--first-update 0: the log's step 0 is the first update)",
        "config: " + WARMUP_COSINE + " read as pytorch, channel lr; values match within max(1.0E-12, 1.0E-9 × |value|)",
        "fault: identical: each of the 300 logged values is the config's"), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void jsonHoldsTheFaultItsBreaksAndTheFirstPartingAndThePlotIsWritten() throws IOException {
    Path plot = Files.createTempDirectory("audit").resolve("replay.png");

    Anneal.Result result = audit("resume-replay.jsonl", WARMUP_COSINE, "--json", "--plot", plot.toString());

    JsonNode document = new ObjectMapper().readTree(result.outText());
    assertEquals(1, document.get("anneal").asInt());
    assertEquals("audit", document.get("command").asText());
    assertEquals("jsonl", document.at("/log/format").asText());
    assertEquals(300, document.at("/log/values").asInt());
    assertEquals("pytorch", document.at("/config/format").asText());
    assertEquals(1e-9, document.at("/tolerance/relative").asDouble());
    assertFalse(document.get("same").asBoolean());
    assertEquals("resume-replay", document.get("fault").asText());
    assertEquals("resume-replay", document.at("/breaks/0/fault").asText());
    assertEquals(200, document.at("/breaks/0/step").asLong());
    assertEquals(100, document.at("/breaks/0/curveStep").asLong());
    assertEquals(100, document.at("/breaks/0/lagAfter").asLong());
    assertEquals(200, document.at("/firstParting/step").asLong());
    assertEquals(8.446896107450225E-4, document.at("/firstParting/logged").asDouble());
    assertTrue(GoldenAssert.close(torchCurve()[200], document.at("/firstParting/expected").asDouble()));
    assertEquals(plot.toString(), document.get("plot").asText());
    assertEquals("RisesPastEnd", document.at("/diagnostics/0/code").asText());
    assertEquals(List.of(), result.err());
    assertEquals(1, result.exitCode());
    byte[] png = Files.readAllBytes(plot);
    assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void theLrReadAfterSchedulerStepIsOffByOne() throws IOException {
    Anneal.Result result = audit("off-by-one.csv", WARMUP_COSINE);

    assertEquals("fault: off by one: the log's step s holds the config's value at step s+1, the next update's: the learning rate was read "
        + "after scheduler.step(), or the scheduler was stepped once before the first update", line(result, "fault: "));
    assertEquals("fix: log the learning rate the update uses: read it before scheduler.step()", line(result, "fix: "));
    assertParting(result, 0, "line 2", "4.300000000000001E-5", torchCurve()[0]);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aSchedulerSteppedPerMicroBatchIsAStretchOf4() throws IOException {
    Anneal.Result result = audit("accumulation-x4.csv", WARMUP_COSINE);

    // Four scheduler steps before the first optimizer update: update s uses the curve's value at 4s+4.
    assertEquals("fault: stretch ×4: the log's step s holds the config's value at step 4·s+4: the schedule ran 4 steps per logged update, "
        + "as when the scheduler is stepped once per micro-batch (gradient accumulation, or 4 devices, counted as updates); "
        + "the run ends the schedule 4 times too early", line(result, "fault: "));
    assertParting(result, 0, "line 2", "1.42E-4", torchCurve()[0]);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aResumeWithoutTheSchedulersStateRestartsTheCurve() throws IOException {
    Anneal.Result result = audit("resume-restart.csv", WARMUP_COSINE);

    assertEquals("fault: resume restarted the schedule: from step 150 the log follows the curve from its start again (step 150 holds "
        + "the value of step 0), as when a run resumes without the scheduler's state", line(result, "fault: "));
    assertEquals("fix: when resuming, load the scheduler's state_dict with the optimizer's", line(result, "fix: "));
    assertParting(result, 150, "line 152", "1.0E-5", torchCurve()[150]);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aResumeFromAnOlderCheckpointReplays100Steps() throws IOException {
    Anneal.Result result = audit("resume-replay.jsonl", WARMUP_COSINE);

    assertEquals("fault: resume replayed 100 updates: from step 200 the log follows the curve 100 steps back (step 200 holds the value "
        + "of step 100), as when a run resumes from an older checkpoint while its step counter goes on", line(result, "fault: "));
    assertParting(result, 200, "line 201", "8.446896107450225E-4", torchCurve()[200]);
    assertEquals(1, result.exitCode());
  }

  @Test
  void overflowStepsThatSkipTheSchedulerAreSkippedUpdates() throws IOException {
    Anneal.Result result = audit("overflow-skips.csv", WARMUP_COSINE);

    // Updates 0, 1, 2, 97 and 180 skipped: the value held at the next steps, then the log one more behind.
    assertEquals("fault: skipped updates: 5 updates did not step the schedule (first seen at steps 1, 2, 3, 98 and 181), so the log runs "
        + "5 updates behind the curve from step 181: mixed-precision overflow steps", line(result, "fault: "));
    assertParting(result, 1, "line 3", "1.0E-5", torchCurve()[1]);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aLogNumberedFrom1IsOffByOneUnlessFirstUpdateSaysSo() {
    Anneal.Result asIs = audit("onecycle-1based.csv", DIR.resolve("onecycle.pytorch.json").toString());
    Anneal.Result told = audit("onecycle-1based.csv", DIR.resolve("onecycle.pytorch.json").toString(), "--first-update", "1");

    assertEquals("fault: off by one: the log's step s holds the config's value at step s-1, the previous update's: the log numbers the "
        + "first update 1, or the scheduler's first step came one update late", line(asIs, "fault: "));
    assertEquals("fix: if the log numbers updates from 1, audit with --first-update 1; otherwise step the scheduler after every "
        + "optimizer.step() from the first", line(asIs, "fix: "));
    assertEquals(1, asIs.exitCode());
    assertEquals("log: " + DIR.resolve("onecycle-1based.csv") + " read as csv, steps from column 'iteration' and learning rates from column "
        + "'learning_rate': 200 values, steps 1 to 200 (--first-update 1: the log's step 1 is the first update)", line(told, "log: "));
    assertEquals("fault: identical: each of the 200 logged values is the config's", line(told, "fault: "));
    assertEquals(0, told.exitCode());
  }

  @Test
  void aJsonLinesLogWithOtherKeyNamesIsRead() {
    Anneal.Result result = audit("steplr.jsonl", DIR.resolve("steplr.pytorch.json").toString());

    assertEquals("log: " + DIR.resolve("steplr.jsonl") + " read as jsonl, steps from key 'global_step' and learning rates from key "
        + "'learning_rate': 120 values, steps 0 to 119 (--first-update 0: the log's step 0 is the first update)", line(result, "log: "));
    assertEquals("fault: identical: each of the 120 logged values is the config's", line(result, "fault: "));
    assertEquals(0, result.exitCode());
  }

  @Test
  void aTrainerStateIsComparedAtItsLoggedStepsOnly() {
    Anneal.Result result = audit("trainer_state.json", DIR.resolve("trainer-args.json").toString());

    assertEquals("log: " + DIR.resolve("trainer_state.json") + " read as trainer-state, steps from key 'step' and learning rates from key "
        + "'learning_rate': 30 values, steps 10 to 300 (--first-update 0: the log's step 0 is the first update)", line(result, "log: "));
    assertEquals("fault: identical: each of the 30 logged values is the config's", line(result, "fault: "));
    assertEquals(0, result.exitCode());
  }

  @Test
  void aTrainerStateWithOverflowStepsHasSkippedUpdates() {
    Anneal.Result result = audit("trainer_state-overflow.json", DIR.resolve("trainer-args.json").toString());

    // Logged every 10 steps: the 3 skips before step 10 show at step 10, then one at 100 and one at 190.
    assertEquals("fault: skipped updates: 5 updates did not step the schedule (first seen at steps 10, 100 and 190), so the log runs "
        + "5 updates behind the curve from step 190: mixed-precision overflow steps", line(result, "fault: "));
    // At step 10 the warm-up (30 steps to 5e-5) gives 5e-5 · 10/30; the log, 3 updates behind, 5e-5 · 7/30.
    assertParting(result, 10, "log_history[0]", "1.1666666666666668E-5", 5e-5 * 10 / 30);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aLogOfAnotherScheduleIsUnexplained() throws IOException {
    Anneal.Result result = audit("clean.csv", DIR.resolve("onecycle.pytorch.json").toString());

    assertEquals("fault: unexplained: the log parts from the config's curve at step 0, and no index shift, stretch factor, resume or "
        + "skipped updates explains the logged value at step 0", line(result, "fault: "));
    // OneCycleLR starts at max_lr / div_factor = 0.1 / 25.
    assertParting(result, 0, "line 2", "1.0E-5", 0.1 / 25);
    assertEquals(1, result.exitCode());
  }

  @Test
  void aPlateauIsAuditedWithTheMetricsTheRunReported() {
    String config = DIR.resolve("plateau.pytorch.json").toString();

    Anneal.Result result = audit("plateau.csv", config, "--quiet", "--metrics", DIR.resolve("plateau-metrics.txt").toString());

    assertEquals("fault: identical: each of the 80 logged values is the config's", line(result, "fault: "));
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void tooFewMetricsForTheLogAreRefused() throws IOException {
    Path metrics = Files.writeString(Files.createTempDirectory("audit").resolve("metrics.txt"), "2.0\n1.99\n");

    Anneal.Result result = audit("plateau.csv", DIR.resolve("plateau.pytorch.json").toString(), "--metrics", metrics.toString());

    assertEquals(List.of(metrics + ": [TooFewAuditMetrics] --metrics: 2 metrics read, but the log reaches step 79, whose value has seen 79 "
        + "(line i is the metric reported after update i); after the last metric the plateau would stop reacting, so give the run's "
        + "metrics up to that step"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aPlateauWithoutMetricsIsWarnedAbout() {
    Anneal.Result result = audit("plateau.csv", DIR.resolve("plateau.pytorch.json").toString());

    assertEquals(List.of("[PlateauWithoutMetrics] --metrics: channel lr has a plateau phase, whose value follows the metric the run "
        + "reported; without --metrics audit compares with a curve that never reduces it, so each reduction in the log reads as a fault; "
        + "pass the run's metrics with --metrics FILE, one per update"), result.err());
    // torch halved the lr after 25 updates; without metrics the curve stays at 0.1.
    assertParting(result, 25, "line 27", "0.05", 0.1);
    assertEquals(1, result.exitCode());
  }

  @Test
  void metricsForAChannelWithoutAPlateauAreNamedAsIgnored() {
    Anneal.Result result = audit("clean.csv", WARMUP_COSINE, "--metrics", DIR.resolve("plateau-metrics.txt").toString(), "--suppress",
        "RisesPastEnd,DetectedFormat");

    assertEquals(List.of("[IgnoredArgument] --metrics: --metrics is ignored by channel lr of " + WARMUP_COSINE + ", which has no plateau "
        + "phase; remove it or pick a type that uses it"), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void theConfigMayBeGivenInline() throws IOException {
    String config = Files.readString(Path.of(WARMUP_COSINE));

    Anneal.Result result = Anneal.run("audit", DIR.resolve("clean.csv").toString(), "--config-text", config, "--quiet");

    assertEquals("config: <inline> read as pytorch, channel lr; values match within max(1.0E-12, 1.0E-9 × |value|)", line(result, "config: "));
    assertEquals(0, result.exitCode());
  }

  @Test
  void rtolAcceptsALogWrittenWithFewDigits() throws IOException {
    double[] torch = torchCurve();
    StringBuilder rounded = new StringBuilder("step,lr\n");
    for (int step = 0; step < torch.length; step++) {
      rounded.append(step).append(',').append(String.format(java.util.Locale.ROOT, "%.5g", torch[step])).append('\n');
    }
    Path log = Files.writeString(Files.createTempDirectory("audit").resolve("rounded.csv"), rounded.toString());

    Anneal.Result exact = Anneal.run("audit", log.toString(), WARMUP_COSINE, "--format", "pytorch");
    Anneal.Result loose = Anneal.run("audit", log.toString(), WARMUP_COSINE, "--format", "pytorch", "--rtol", "1e-4");

    assertEquals(1, exact.exitCode());
    assertEquals("fault: identical: each of the 300 logged values is the config's", line(loose, "fault: "));
    assertEquals("config: " + WARMUP_COSINE + " read as pytorch, channel lr; values match within max(1.0E-12, 1.0E-4 × |value|)",
        line(loose, "config: "));
    assertEquals(0, loose.exitCode());
  }
}
