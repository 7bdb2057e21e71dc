package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands take in, through the command's entry point with real files: the format told
 * from the content and the name when {@code --format} is left out (and refused when two or none
 * fit), {@code -} for standard input, a UTF-8 byte order mark, and typos of the top-level blocks.
 */
class InputsCommandTest {
  /** examples/ds_config.json, under a name that does not say DeepSpeed. */
  private static final String DS_CONFIG = """
      {
        "train_batch_size": 256,
        "optimizer": {"type": "AdamW", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "weight_decay": 0.1}},
        "scheduler": {
          "type": "WarmupDecayLR",
          "params": {"total_num_steps": 5000, "warmup_max_lr": 0.0006, "warmup_num_steps": 500, "warmup_type": "linear"}
        }
      }
      """;

  private static final String PYTORCH = """
      {"optimizer": {"type": "SGD", "lr": 0.1},
       "scheduler": {"type": "StepLR", "kwargs": {"step_size": 2, "gamma": 0.5}}}
      """;

  private static final String PLAN = """
      {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 4}], "after": "hold"}}
      """;

  private static final String NOTE_DS = "[DetectedFormat] --format: read as deepspeed, from optimizer.params; add --format NAME to read it as another format";

  private static final String IGNORED_BATCH = "[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  // ---- the format told from the content ----

  @Test
  void explainWithoutFormatReadsADeepSpeedConfigAsDeepSpeedAndSaysSo() throws IOException {
    Path config = file("train.json", DS_CONFIG);

    Anneal.Result detected = Anneal.run("explain", config.toString(), "--step", "0");
    Anneal.Result named = Anneal.run("explain", config.toString(), "--step", "0", "--format", "deepspeed");

    assertEquals(List.of(config + ": " + NOTE_DS), detected.err());
    assertEquals("lr: step 0: 0 from phases[0] (constant, local step 0)", detected.out().get(0));
    assertEquals("upstream quirks of deepspeed that Anneal reproduces in this config:", detected.out().get(3));
    assertEquals(named.out(), detected.out());
    assertEquals(List.of(), named.err(), "no note when --format is given");
    assertEquals(0, detected.exitCode());
  }

  @Test
  void explainOfTheDeepSpeedExampleNeedsNoFormat() {
    // Before detection, explain read it as Anneal JSON: "[UnknownKey] scheduler: ...; did you mean `schedule`?".
    Path example = Path.of("..", "examples", "ds_config.json");

    Anneal.Result result = Anneal.run("explain", example.toString(), "--step", "0");

    assertEquals(List.of(), result.err(), "the name ds_config*.json says DeepSpeed: no note");
    assertEquals("lr: step 0: 0 from phases[0] (constant, local step 0)", result.out().get(0));
    assertEquals("upstream quirks of deepspeed that Anneal reproduces in this config:", result.out().get(3));
    assertEquals(0, result.exitCode());
  }

  @Test
  void curveOfEachFormatWithoutFormat() throws IOException {
    Path pytorch = file("sched.json", PYTORCH);
    Path plan = file("plan.json", PLAN);
    Path args = file("args.json", "{\"learning_rate\": 0.5, \"lr_scheduler_type\": \"constant\"}");
    Path flags = file("flags.txt", "--lr 0.25 --train-iters 3 --lr-decay-style constant\n");

    Anneal.Result fromPytorch = Anneal.run("curve", pytorch.toString(), "--steps", "5");
    assertEquals(List.of(pytorch + ": [DetectedFormat] --format: read as pytorch, from scheduler.kwargs; add --format NAME to read it as another format"),
        fromPytorch.err());
    // StepLR: 0.1, halved every 2 steps.
    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.05", "3\t0.05", "4\t0.025"), fromPytorch.out());

    Anneal.Result fromPlan = Anneal.run("curve", plan.toString());
    assertEquals(List.of(), fromPlan.err(), "Anneal JSON, the former default, needs no note");
    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.1", "3\t0.1"), fromPlan.out());

    Anneal.Result fromArgs = Anneal.run("curve", args.toString(), "--steps", "3");
    assertEquals(List.of(args + ": [DetectedFormat] --format: read as transformers, from lr_scheduler_type; add --format NAME to read it as another format"),
        fromArgs.err());
    assertEquals(List.of("0\t0.5", "1\t0.5", "2\t0.5"), fromArgs.out());

    Anneal.Result fromFlags = Anneal.run("curve", flags.toString());
    assertEquals(flags + ": [DetectedFormat] --format: read as megatron, from flags, not JSON; add --format NAME to read it as another format",
        fromFlags.err().get(0));
    assertEquals(List.of("0\t0.25", "1\t0.25", "2\t0.25"), fromFlags.out());
    assertEquals(0, fromFlags.exitCode());
  }

  @Test
  void anUnambiguousNameDecidesWithoutANote() throws IOException {
    Path config = file("ds_config.json", DS_CONFIG);
    Path script = file("launch.sh", "torchrun pretrain_gpt.py --lr 0.25 --train-iters 3 --lr-decay-style constant\n");

    Anneal.Result ds = Anneal.run("curve", config.toString(), "--steps", "2");
    assertEquals(List.of(
        config + ": [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at "
            + "construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late",
        config + ": [FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0); it changes nothing",
        config + ": " + IGNORED_BATCH), ds.err(), "no DetectedFormat note: the name says DeepSpeed");
    // WarmupDecayLR's first update uses warmup_min_lr (0), set at construction.
    assertEquals(List.of("0\t0.0", "1\t0.0"), ds.out());

    Anneal.Result megatron = Anneal.run("curve", script.toString(), "--steps", "1");
    assertEquals(List.of("0\t0.25"), megatron.out());
    assertEquals(0, megatron.exitCode());
  }

  @Test
  void twoFormatsThatFitAreRefusedWithBothAndTheFix() throws IOException {
    Path both = file("both.json", "{\"lr_scheduler_type\": \"linear\", \"scheduler\": {\"type\": \"WarmupLR\", \"params\": {}}}");

    assertBadInput(Anneal.run("curve", both.toString()),
        both + ": [AmbiguousFormat] --format: the config fits more than one format: transformers (lr_scheduler_type), deepspeed "
            + "(scheduler.params); add --format transformers or --format deepspeed to say which");
    assertBadInput(Anneal.run("convert", both.toString(), "--to", "anneal"),
        both + ": [AmbiguousFormat] --from: the config fits more than one format: transformers (lr_scheduler_type), deepspeed "
            + "(scheduler.params); add --from transformers or --from deepspeed to say which");
  }

  @Test
  void aNameThatContradictsTheContentIsAmbiguousToo() throws IOException {
    Path config = file("ds_config.json", PYTORCH);

    assertBadInput(Anneal.run("explain", config.toString(), "--step", "0"),
        config + ": [AmbiguousFormat] --format: the config fits more than one format: pytorch (scheduler.kwargs), deepspeed "
            + "(the name ds_config*.json); add --format pytorch or --format deepspeed to say which");
  }

  @Test
  void aFileNoFormatFitsIsRefusedWithTheFix() throws IOException {
    Path notes = file("notes.txt", "warm up, then cosine\n");
    Path empty = file("empty.json", "{}");

    assertBadInput(Anneal.run("curve", notes.toString()),
        notes + ": [UndetectedFormat] --format: cannot tell the config's format from its content or its name; add --format NAME, "
            + "where NAME is one of anneal, pytorch, transformers, deepspeed, deepspeed-args, megatron");
    assertBadInput(Anneal.run("plot", empty.toString(), "--out", "-"),
        empty + ": [UndetectedFormat] --format: cannot tell the config's format from its content or its name; add --format NAME, "
            + "where NAME is one of anneal, pytorch, transformers, deepspeed, deepspeed-args, megatron");
  }

  @Test
  void brokenJsonIsReportedAsBrokenWithOrWithoutFormat() throws IOException {
    Path broken = file("plan.json", "{\"lr\": {\"phases\": [}}");
    String syntaxError = broken + ": [InvalidJson] line 1, column 20: unexpected close marker '}': expected ']' to close the array opened at "
        + "line 1, column 19";

    assertBadInput(Anneal.run("curve", broken.toString(), "--format", "anneal"), syntaxError);
    assertBadInput(Anneal.run("curve", broken.toString()), syntaxError);
  }

  @Test
  void anExplicitFormatAlwaysWins() throws IOException {
    Path both = file("both.json", "{\"lr_scheduler_type\": \"constant\", \"learning_rate\": 0.5, \"max_steps\": 2, \"scheduler\": {\"params\": {}}}");

    Anneal.Result result = Anneal.run("curve", both.toString(), "--format", "transformers");

    // Read as TrainingArguments: 'scheduler' is no field of it, a warning since Trainer never reads it (it was an error).
    assertEquals(List.of(
            both + ": [UnknownField] scheduler: scheduler is not a field of transformers 5's TrainingArguments"
                + " (TrainingArguments(**config) raises TypeError on it); Trainer never reads it, so it changes nothing here",
            both + ": [IgnoredArgument] max_steps: max_steps (2) is ignored by the 'constant' schedule (get_scheduler calls"
                + " get_constant_schedule with the optimizer alone); remove it or pick a type that uses it"),
        result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void validateTellsEachFilesFormatOnItsOwn() throws IOException {
    Path plan = file("plan.json", PLAN);
    Path pytorch = file("sched.json", PYTORCH);
    Path notes = file("notes.txt", "cosine\n");

    Anneal.Result result = Anneal.run("validate", plan.toString(), pytorch.toString(), notes.toString());

    assertEquals(List.of(
        pytorch + ": [DetectedFormat] --format: read as pytorch, from scheduler.kwargs; add --format NAME to read it as another format",
        notes + ": [UndetectedFormat] --format: cannot tell the config's format from its content or its name; add --format NAME, "
            + "where NAME is one of anneal, pytorch, transformers, deepspeed, deepspeed-args, megatron"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void diffAndConvertTellTheFormatOfEachFile() throws IOException {
    Path plan = file("plan.json", "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 2},"
        + " {\"shape\": \"constant\", \"value\": 0.05, \"steps\": 2}], \"after\": \"hold\"}}");
    Path pytorch = file("sched.json", PYTORCH);

    Anneal.Result diff = Anneal.run("diff", plan.toString(), pytorch.toString(), "--steps", "4");
    assertEquals(List.of(pytorch + ": [DetectedFormat] --format-b: read as pytorch, from scheduler.kwargs; add --format-b NAME to read it as another format"),
        diff.err());
    assertEquals(List.of("lr: the same at every step 0 to 3"), diff.out());
    assertEquals(0, diff.exitCode());

    Anneal.Result convert = Anneal.run("convert", pytorch.toString(), "--to", "anneal", "--steps", "4");
    assertEquals(List.of(pytorch + ": [DetectedFormat] --from: read as pytorch, from scheduler.kwargs; add --from NAME to read it as another format"),
        convert.err());
    assertEquals(0, convert.exitCode());
  }

  // ---- standard input ----

  @Test
  void aDashReadsStandardInputAndItsFormatIsToldFromTheContent() {
    Anneal.Result result = withStandardInput(PYTORCH, () -> Anneal.run("curve", "-", "--steps", "3"));

    assertEquals(List.of("-: [DetectedFormat] --format: read as pytorch, from scheduler.kwargs; add --format NAME to read it as another format"),
        result.err());
    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.05"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void standardInputThatIsNotUtf8IsRefused() {
    Anneal.Result result = withStandardInput(new byte[] {'{', (byte) 0xff, '}'}, () -> Anneal.run("curve", "-", "--format", "anneal"));

    assertBadInput(result, "-: [UnreadableFile] cannot read the file: it is not UTF-8 text");
  }

  private static Anneal.Result withStandardInput(String text, java.util.function.Supplier<Anneal.Result> run) {
    return withStandardInput(text.getBytes(StandardCharsets.UTF_8), run);
  }

  private static Anneal.Result withStandardInput(byte[] bytes, java.util.function.Supplier<Anneal.Result> run) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(bytes));
    try {
      return run.get();
    } finally {
      System.setIn(saved);
    }
  }

  // ---- byte order mark and typos ----

  @Test
  void aByteOrderMarkAtTheStartIsAccepted() throws IOException {
    Path plan = file("plan.json", "\uFEFF" + PLAN);
    Path script = file("launch.sh", "\uFEFF--lr 0.25 --train-iters 3 --lr-decay-style constant\n");

    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.1", "3\t0.1"), Anneal.run("curve", plan.toString(), "--format", "anneal").out());
    assertEquals(List.of("0\t0.1", "1\t0.1", "2\t0.1", "3\t0.1"), Anneal.run("curve", plan.toString()).out());
    assertEquals(List.of("0\t0.25"), Anneal.run("curve", script.toString(), "--steps", "1").out());
  }

  @Test
  void aMisspelledTopLevelBlockGetsADidYouMean() throws IOException {
    Path anneal = file("plan.json", "{\"factor\": 2, \"schedular\": {\"phases\": [{\"shape\": \"constant\", \"value\": 0.1, \"steps\": 4}]}}");
    Path ds = file("train.json", "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}},"
        + " \"schedular\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_num_steps\": 10}}}");

    assertBadInput(Anneal.run("curve", anneal.toString()),
        anneal + ": [MissingKey] schedule: missing required key 'schedule'",
        anneal + ": [UnknownKey] schedular: unknown key 'schedular'; did you mean `schedule`?");
    // DeepSpeed ignores a top-level key it does not read, so this runs, warned, as DeepSpeed runs it.
    Anneal.Result deepspeed = Anneal.run("curve", ds.toString(), "--steps", "1");
    assertEquals(List.of(
        ds + ": " + NOTE_DS,
        ds + ": [NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.001) on every update, unless your code "
            + "passes lr_scheduler to deepspeed.initialize",
        ds + ": [DeepspeedKeyNotRead] schedular: DeepSpeed does not read 'schedular', so it ignores the setting; did you mean `scheduler`? "
            + "rename it, or remove it"), deepspeed.err());
    assertEquals(List.of("0\t0.001"), deepspeed.out());
    assertEquals(0, deepspeed.exitCode());
  }

  // ---- train: every bad option at once ----

  @Test
  void trainNamesEveryBadOptionInOneRun() {
    assertBadInput(Anneal.run("train", "--hidden", "0", "--batch-size", "-1", "--steps", "0"),
        "[OutOfRange] --steps: --steps (0) must lie in [1, 10000000]",
        "[OutOfRange] --hidden: --hidden (0) must lie in [1, 65536]",
        "[OutOfRange] --batch-size: --batch-size (-1) must lie in [1, 1438] (the training rows)");
    assertBadInput(Anneal.run("train", "--optimizer", "adm", "--epochs", "0", "--hidden", "8,70000"),
        "[UnknownType] --optimizer: unknown optimizer 'adm'; did you mean `adam`?",
        "[NonPositiveLength] --epochs: --epochs (0) must be at least 1",
        "[OutOfRange] --hidden: --hidden (70000) must lie in [1, 65536]");
  }

  @Test
  void trainTellsTheConfigsFormat() throws IOException {
    Path config = file("sched.json", PYTORCH);
    List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--data", TrainData.separable(dir).toString(),
        "--target", "side", "--hidden", "8", "--batch-size", "8", "--steps", "4", "--out", dir.resolve("run").toString()));

    Anneal.Result result = Anneal.run(args.toArray(String[]::new));

    assertEquals(config + ": [DetectedFormat] --format: read as pytorch, from scheduler.kwargs; add --format NAME to read it as another format",
        result.err().get(0));
    assertEquals("plan: " + config + " (pytorch), channels lr; 4 updates, 4 per epoch", result.out().get(3));
    assertEquals(0, result.exitCode());
  }
}
