package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveCommandTest {
  /** lr: 0 → 1 over 4 steps, then 1 for 2 steps (declared end 6); momentum 0.9 forever. */
  private static final String PLAN = """
      {
        "lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 1, "steps": 4},
          {"shape": "constant", "value": 1, "steps": 2}
        ]},
        "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
      }
      """;

  private static final String ZERO_WARNING =
      "[FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  /** Halves when the metric fails to improve for more than 1 report (threshold 0), down to 0.2. */
  private static final String PLATEAU = """
      {"phases": [{"shape": "plateau", "initial": 1, "factor": 0.5, "patience": 1, "threshold": 0,
                   "thresholdMode": "abs", "minValue": 0.2, "eps": 0, "steps": "forever"}]}
      """;

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void printsTheDeclaredStepsByDefaultAndWarnsOnStandardError() throws IOException {
    Path plan = file("plan.json", PLAN);

    Anneal.Result result = Anneal.run("curve", plan.toString(), "--format", "anneal");

    assertEquals(List.of("0\t0.0", "1\t0.25", "2\t0.5", "3\t0.75", "4\t1.0", "5\t1.0"), result.out());
    assertEquals(List.of(plan + ": " + ZERO_WARNING), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void printsExactlyTheStepsAskedForPastTheEndToo() throws IOException {
    Anneal.Result result = Anneal.run("curve", file("plan.json", PLAN).toString(), "--format", "anneal", "--steps", "8");

    assertEquals(List.of("0\t0.0", "1\t0.25", "2\t0.5", "3\t0.75", "4\t1.0", "5\t1.0", "6\t1.0", "7\t1.0"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void anOpenEndedChannelPrintsTheDocumentedDefault() throws IOException {
    Anneal.Result result = Anneal.run("curve", file("plan.json", PLAN).toString(), "--format", "anneal", "--channel", "momentum");

    assertEquals(IntStream.range(0, 1000).mapToObj(step -> step + "\t0.9").toList(), result.out());
    assertEquals(1000, CurveCommand.OPEN_ENDED_STEPS);
    assertEquals(0, result.exitCode());
  }

  @Test
  void valuesParseBackToTheSameDouble() throws IOException {
    double awkward = 0.1 + 0.2; // 0.30000000000000004
    Path single = file("single.json", "{\"phases\": [{\"shape\": \"constant\", \"value\": 0.30000000000000004, \"steps\": 1}]}");

    Anneal.Result result = Anneal.run("curve", single.toString(), "--format", "anneal");

    assertEquals(List.of("0\t0.30000000000000004"), result.out());
    assertEquals(awkward, Double.parseDouble(result.out().get(0).split("\t")[1]));
  }

  @Test
  void metricsDrivePlateauPhases() throws IOException {
    // Reports: 3 (best), 2 (best), 2 (bad 1), 2 (bad 2 > patience 1: halve), 2, 2 (halve to 0.25), 2, 2 (halve: 0.125, floored at 0.2).
    Path metrics = file("loss.txt", "3\n2.0\n2e0\n 2 \n2\n2\n2\n2\n\n");

    Anneal.Result result = Anneal.run(
        "curve", file("plateau.json", PLATEAU).toString(), "--format", "anneal", "--steps", "9", "--metrics", metrics.toString());

    assertEquals(List.of("0\t1.0", "1\t1.0", "2\t1.0", "3\t1.0", "4\t0.5", "5\t0.5", "6\t0.25", "7\t0.25", "8\t0.2"), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  /** The scheduler of examples/ds_config.json: WarmupDecayLR to warmup_min_lr 0 at total_num_steps 5000, log warm-up over 500. */
  static final String DS_WARMUP_DECAY = """
      {"optimizer": {"type": "AdamW", "params": {"lr": 0.0006}},
       "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": 5000, "warmup_max_lr": 0.0006, "warmup_num_steps": 500}}}
      """;

  @Test
  void anImportedDecayIsPrintedToItsEnd() throws IOException {
    Anneal.Result result = Anneal.run("curve", file("ds_config.json", DS_WARMUP_DECAY).toString(), "--format", "deepspeed");

    // The first update uses the value set at construction, so DeepSpeed's iteration k is step k + 1: the decay's last iteration,
    // 4999, is step 5000, and warmup_min_lr (0) holds from step 5001, the declared end. DeepSpeed's last decay value is
    // warmup_min_lr + (warmup_max_lr - warmup_min_lr) * (total_num_steps - k) / (total_num_steps - warmup_num_steps).
    assertEquals(5001, result.out().size());
    assertEquals("5000\t" + (0.0 + (0.0006 - 0.0) * (1.0 / 4500.0)), result.out().get(5000));
    assertEquals(0, result.exitCode());
  }

  @Test
  void aMetricsFileShorterThanTheCurveIsRefused() throws IOException {
    // Steps 0 to 8 have seen up to 8 metrics; with 7 the plateau would stop reacting at step 8.
    Path metrics = file("loss.txt", "3\n2\n2\n2\n2\n2\n2\n\n");
    String plateau = file("plateau.json", PLATEAU).toString();

    assertBadInput(Anneal.run("curve", plateau, "--format", "anneal", "--steps", "9", "--metrics", metrics.toString()),
        metrics + ": [TooFewMetrics] --metrics: 7 metrics read, but steps 0 to 8 need 8 (the value at step i has seen the metrics of"
            + " lines 1 to i; after the last metric a plateau phase would stop reacting); add 1 more line to the file, or pass --steps 8");
    // Without --steps an open-ended plateau prints 1000 steps, which need 999 metrics.
    assertBadInput(Anneal.run("curve", plateau, "--format", "anneal", "--metrics", metrics.toString()),
        metrics + ": [TooFewMetrics] --metrics: 7 metrics read, but steps 0 to 999 need 999 (the value at step i has seen the metrics of"
            + " lines 1 to i; after the last metric a plateau phase would stop reacting); add 992 more lines to the file, or pass --steps 8");

    Anneal.Result enough = Anneal.run("curve", plateau, "--format", "anneal", "--steps", "8", "--metrics", metrics.toString());

    assertEquals(List.of("0\t1.0", "1\t1.0", "2\t1.0", "3\t1.0", "4\t0.5", "5\t0.5", "6\t0.25", "7\t0.25"), enough.out());
    assertEquals(0, enough.exitCode());
  }

  @Test
  void metricsForAChannelThatDoesNotReactAreIgnoredWithAWarning() throws IOException {
    Path metrics = file("loss.txt", "1\n");

    Anneal.Result result = Anneal.run(
        "curve", file("plan.json", PLAN).toString(), "--format", "anneal", "--steps", "1", "--metrics", metrics.toString());

    assertEquals(List.of("0\t0.0"), result.out());
    assertEquals(List.of(
        dir.resolve("plan.json") + ": " + ZERO_WARNING,
        "[IgnoredArgument] --metrics: --metrics is ignored by channel lr of " + dir.resolve("plan.json")
            + ", which has no plateau phase; remove it or pick a type that uses it"), result.err());
  }

  @Test
  void anUnknownFormatGetsADidYouMean() throws IOException {
    assertBadInput(Anneal.run("curve", file("plan.json", PLAN).toString(), "--format", "aneal"),
        "[UnknownType] --format: unknown format 'aneal'; did you mean `anneal`?");
  }

  @Test
  void aMisspelledKeyIsNamedWithItsFileAndPath() throws IOException {
    Path plan = file("plan.json", "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"form\": 0, \"to\": 1, \"steps\": 4}]}}");

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal"),
        plan + ": [UnknownKey] lr.phases[0].form: unknown key 'form'; did you mean `from`?");
  }

  @Test
  void everyProblemOfAFileGetsItsOwnLine() throws IOException {
    Path plan = file("plan.json", "{\"lr\": {\"phases\": [{\"shape\": \"linear\", \"from\": \"0\", \"to\": NaN, \"steps\": -4}]}}");

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal"),
        plan + ": [WrongType] lr.phases[0].from: expected a number, found the string \"0\"",
        plan + ": [NonFiniteValue] lr.phases[0].to: to (NaN) must be a finite number",
        plan + ": [NonPositiveLength] lr.phases[0].steps: steps (-4) must be at least 1");
  }

  @Test
  void aNegativeLengthIsNamed() throws IOException {
    Path plan = file("plan.json", "{\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": -1}]}");

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal"),
        plan + ": [NonPositiveLength] phases[0].steps: steps (-1) must be at least 1");
  }

  @Test
  void invalidJsonNamesTheLineAndColumn() throws IOException {
    Path plan = file("plan.json", "{\"lr\":\n  {\"phases\": [}}");

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal"),
        plan + ": [InvalidJson] line 2, column 15: unexpected close marker '}': expected ']' to close the array opened at line 2, column 14");
  }

  @Test
  void anEmptyFileIsNamed() throws IOException {
    Path empty = file("empty.json", "\n");

    assertBadInput(Anneal.run("curve", empty.toString(), "--format", "anneal"),
        empty + ": [EmptyInput] the input is empty; expected a JSON object");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("missing.json");

    assertBadInput(Anneal.run("curve", missing.toString(), "--format", "anneal"),
        missing + ": [UnreadableFile] cannot read the file: no such file");
  }

  @Test
  void aDirectoryIsNotAFile() {
    assertBadInput(Anneal.run("curve", dir.toString(), "--format", "anneal"),
        dir + ": [UnreadableFile] cannot read the file: it is a directory");
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});

    assertBadInput(Anneal.run("curve", latin1.toString(), "--format", "anneal"),
        latin1 + ": [UnreadableFile] cannot read the file: it is not UTF-8 text");
  }

  @Test
  void aMissingMetricsFileIsNamed() throws IOException {
    Path missing = dir.resolve("loss.txt");

    assertBadInput(Anneal.run("curve", file("p.json", PLATEAU).toString(), "--format", "anneal", "--metrics", missing.toString()),
        missing + ": [UnreadableFile] cannot read the file: no such file");
  }

  @Test
  void everyBadMetricsLineIsNamedByItsNumber() throws IOException {
    Path metrics = file("loss.txt", "0.5\nnan\nabc\n\n1e999\n0x1p3\n1.5f\n0.25\n");

    assertBadInput(Anneal.run("curve", file("p.json", PLATEAU).toString(), "--format", "anneal", "--metrics", metrics.toString()),
        metrics + ": [NonFiniteValue] line 2: metric (nan) must be a finite number",
        metrics + ": [WrongType] line 3: expected a number, found \"abc\"",
        metrics + ": [WrongType] line 4: expected a number, found an empty line",
        metrics + ": [NonFiniteValue] line 5: metric (1e999) must be a finite number",
        metrics + ": [WrongType] line 6: expected a number, found \"0x1p3\"",
        metrics + ": [WrongType] line 7: expected a number, found \"1.5f\"");
  }

  @Test
  void anUnknownChannelListsTheChannelsThereAre() throws IOException {
    Path plan = file("plan.json", PLAN);

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal", "--channel", "weight_decay"),
        plan + ": [UnknownChannel] --channel: unknown channel 'weight_decay'; expected one of: lr, momentum");
    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal", "--channel", "momentun"),
        plan + ": [UnknownChannel] --channel: unknown channel 'momentun'; did you mean `momentum`?");
  }

  @Test
  void stepsMustBePositive() throws IOException {
    assertBadInput(Anneal.run("curve", file("plan.json", PLAN).toString(), "--format", "anneal", "--steps", "0"),
        "[NonPositiveLength] --steps: --steps (0) must be at least 1");
  }

  @Test
  void stepsPastAFailingEndPrintNothing() throws IOException {
    Path plan = file("plan.json", "{\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}], \"after\": \"fail\"}");

    assertEquals(List.of("0\t1.0", "1\t1.0", "2\t1.0", "3\t1.0"), Anneal.run("curve", plan.toString(), "--format", "anneal").out());
    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal", "--steps", "5"),
        plan + ": [StepBeyondEnd] --steps: step 4 is past the declared end (4); declare after-end HOLD or CONTINUE to go on");
  }

  @Test
  void usageErrorsAreOneLineWithADidYouMean() throws IOException {
    Path plan = file("plan.json", PLAN);

    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal", "--stpes", "3"),
        "anneal curve: Unknown options: '--stpes', '3'; did you mean `--steps`? See 'anneal curve --help'.");
    assertBadInput(Anneal.run("curve", plan.toString(), "--formt", "anneal"),
        "anneal curve: Unknown options: '--formt', 'anneal'; did you mean `--format`? See 'anneal curve --help'.");
    assertBadInput(Anneal.run("curve", plan.toString(), "--format", "anneal", "--steps", "many"),
        "anneal curve: Invalid value for option '--steps': 'many' is not a long. See 'anneal curve --help'.");
    assertBadInput(Anneal.run("curve", "--format", "anneal"),
        "anneal curve: Missing required parameter: 'FILE'. See 'anneal curve --help'.");
  }
}
