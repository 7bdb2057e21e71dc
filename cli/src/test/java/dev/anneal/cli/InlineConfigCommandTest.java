package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config-text}: a config given on the command line, read as a file's content would be
 * (format detected, messages naming it {@code <inline>}), by every command that reads a config.
 */
class InlineConfigCommandTest {
  /** lr from 0 to 0.1 over 2 steps, then held. */
  private static final String PLAN = "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 0.1, \"steps\": 2}]}}";

  /** A DeepSpeed WarmupLR: detected from its content. */
  private static final String DS = "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": "
      + "{\"warmup_min_lr\": 0.01, \"warmup_max_lr\": 0.1, \"warmup_num_steps\": 2, \"warmup_type\": \"linear\"}}}";

  private static final String FIRST_AT_ZERO =
      "<inline>: [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  @TempDir Path dir;

  @Test
  void curveReadsTheInlineConfigAndNamesItInline() {
    Anneal.Result result = Anneal.run("curve", "--steps", "3", "--config-text", PLAN);

    assertEquals(List.of("0\t0.0", "1\t0.05", "2\t0.1"), result.out());
    assertEquals(List.of(FIRST_AT_ZERO), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void theFormatOfAnInlineConfigIsDetectedFromItsContent() {
    Anneal.Result result = Anneal.run("curve", "--steps", "3", "--config-text", DS);

    assertEquals(List.of("0\t0.01", "1\t0.01", "2\t0.05500000000000001"), result.out());
    assertEquals(List.of("<inline>: [DetectedFormat] --format: read as deepspeed, from scheduler.params; add --format NAME to read it as another format",
        "<inline>: [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0.01): DeepSpeed sets it "
            + "at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
        result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aFileAndAnInlineConfigTogetherAreRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plan.json"), PLAN);
    String refused = "[ConfigGivenTwice] --config-text: both FILE (" + file + ") and --config-text give the config; "
        + "pass the file or the inline text, not both";

    for (String command : List.of("curve", "validate", "convert")) {
      List<String> args = command.equals("convert") ? List.of(command, file.toString(), "--config-text", PLAN, "--to", "pytorch")
          : List.of(command, file.toString(), "--config-text", PLAN);
      Anneal.Result result = Anneal.run(args.toArray(String[]::new));

      assertEquals(List.of(refused), result.err(), command);
      assertEquals(List.of(), result.out(), command);
      assertEquals(2, result.exitCode(), command);
    }
    Anneal.Result explain = Anneal.run("explain", file.toString(), "--config-text", PLAN, "--step", "1");
    assertEquals(List.of(refused.replace("FILE", "CONFIG")), explain.err());
    Anneal.Result train = Anneal.run("train", "--config", file.toString(), "--config-text", PLAN);
    assertEquals(List.of(refused.replace("FILE", "--config")), train.err());
    assertEquals(2, train.exitCode());
    Anneal.Result diff = Anneal.run("diff", file.toString(), file.toString(), "--config-text", PLAN);
    assertEquals(List.of(refused.replace("FILE", "B")), diff.err());
    assertEquals(2, diff.exitCode());
  }

  @Test
  void neitherFileNorInlineConfigIsTheMissingParameterItWasBefore() {
    Anneal.Result result = Anneal.run("plot", "--out", "-");

    assertEquals(List.of("anneal plot: Missing required parameter: 'CONFIG'. See 'anneal plot --help'."), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void validateExplainDiffAndConvertTakeTheInlineConfig() throws IOException {
    Anneal.Result validate = Anneal.run("validate", "--config-text", "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 0}]}}");
    assertEquals(List.of("<inline>: [NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1"), validate.out());
    assertEquals(1, validate.exitCode());

    Anneal.Result explain = Anneal.run("explain", "--step", "1", "--config-text", PLAN);
    assertEquals("lr: step 1: 0.05 from phases[0] (linear warm-up, local step 1)", explain.out().get(0));
    assertEquals(0, explain.exitCode());

    Path before = Files.writeString(dir.resolve("before.json"), PLAN);
    Anneal.Result diff = Anneal.run("diff", before.toString(), "--steps", "3",
        "--config-text", "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 0.2, \"steps\": 2}]}}");
    assertEquals(List.of("lr: differs from step 1 (A 0.05, B 0.1); largest difference at step 2 (A 0.1, B 0.2, B - A = 0.1); 2 of 3 steps differ"),
        diff.out());
    assertEquals(1, diff.exitCode());

    Anneal.Result convert = Anneal.run("convert", "--to", "anneal", "--config-text", DS);
    assertEquals(List.of("<inline>: [DetectedFormat] --from: read as deepspeed, from scheduler.params; add --from NAME to read it as another format",
        "<inline>: [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0.01): DeepSpeed sets it "
            + "at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
        convert.err());
    assertEquals(0, convert.exitCode());
  }

  @Test
  void plotAndTrainTakeTheInlineConfig() {
    String plan = "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": 0.01, \"to\": 0.1, \"steps\": 3}]}}";

    Anneal.Result plot = Anneal.run("plot", "--out", "-", "--steps", "3", "--config-text", plan);
    assertEquals("lr, steps 0 to 2", plot.out().get(0));
    assertEquals(List.of(), plot.err());
    assertEquals(0, plot.exitCode());

    Anneal.Result train = Anneal.run("train", "--steps", "3", "--out", dir.resolve("run").toString(), "--config-text", plan);
    assertEquals("plan: <inline> (anneal), channels lr; 3 updates, 45 per epoch", train.out().get(2));
    assertEquals(0, train.exitCode());
  }

  @Test
  void brokenInlineJsonIsReportedAtInline() {
    Anneal.Result result = Anneal.run("curve", "--config-text", "{\"lr\": ");

    assertEquals(List.of("<inline>: [InvalidJson] line 1, column 7: unexpected end-of-input within/between Object entries"), result.err());
    assertEquals(2, result.exitCode());
  }
}
