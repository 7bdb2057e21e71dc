package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train} through the command's entry point, with real files: short runs (a few
 * dozen updates) of the real DJL engine on the CPU, and every bad option refused before the engine starts.
 */
class TrainCommandTest {
  @TempDir Path dir;

  /** 40 rows, two features; the label says on which side of x = y a point lies. */
  private Path separable() throws IOException {
    return TrainData.separable(dir);
  }

  private static List<String[]> rows(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",")).toList();
  }

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void theBuiltInRunAppliesEveryChannelOfItsPlanAndWritesTheLogAndTheChart() throws IOException {
    Path out = dir.resolve("run");

    Anneal.Result result = Anneal.run("train", "--steps", "30", "--out", out.toString());

    // 3000 / 45 updates per epoch = 66.7: 67 epochs cover the plan.
    assertEquals(List.of("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 30 of 3000, so the rest of the plan never runs;"
        + " train the whole plan with --steps 3000 or --epochs 67"), result.err());
    assertEquals(0, result.exitCode());
    List<String> lines = result.out();
    assertEquals("data: digits (UCI optical digits, 8x8 pixels): 1797 rows, 64 features, 10 classes (column digit); 1438 to train on, 359 held out", lines.get(0));
    // 64·64 + 64 weights and biases into the hidden layer, 64·10 + 10 out of it.
    assertEquals("model: MLP 64-64-10 (4810 parameters), adamw, batch 32", lines.get(1));
    assertEquals("plan: built-in warm-up + cosine (examples/train-digits.json), channels lr, momentum, weight_decay; 30 updates, 45 per epoch", lines.get(2));
    assertEquals("length: 30 updates (--steps 30); the plan declares 3000; stops in phase 0 (linear) at update 30 of 3000", lines.get(3));
    assertEquals("device: cpu()", lines.get(4));
    assertTrue(lines.get(5).startsWith("trained 30 updates (1 epochs) in "), lines.get(5));
    assertTrue(lines.get(6).matches("final loss [0-9.e-]+ \\(mean of the last 30 updates\\); accuracy [0-9.]+% on the training rows, [0-9.]+% held out"), lines.get(6));
    assertEquals(List.of("learning rate applied:", "  step  0  3e-5       phase 0 (linear) begins", "  step 29  3.17e-4    the last update",
        "wrote " + out.resolve("train.csv") + " (step,lr,momentum,weight_decay,loss)", "wrote " + out.resolve("train.png") + " (learning rate and loss)"),
        lines.subList(7, lines.size()));

    List<String[]> log = rows(out.resolve("train.csv"));
    assertEquals("step,lr,momentum,weight_decay,loss", Files.readAllLines(out.resolve("train.csv")).get(0));
    assertEquals(30, log.size());
    for (int step = 0; step < 30; step++) {
      String[] row = log.get(step);
      assertEquals(step, Integer.parseInt(row[0]));
      // examples/train-digits.json: lr 3e-5 → 3e-3 and β1 0.95 → 0.9 linearly over 300 updates; weight decay 0.01.
      assertEquals((float) (3e-5 + (3e-3 - 3e-5) * step / 300), Float.parseFloat(row[1]), 1e-10, "lr at " + step);
      assertEquals((float) (0.95 - 0.05 * step / 300), Float.parseFloat(row[2]), 1e-7, "momentum at " + step);
      assertEquals(0.01f, Float.parseFloat(row[3]));
      float loss = Float.parseFloat(row[4]);
      assertTrue(loss > 0 && loss < 10, "loss at " + step + ": " + loss);
    }
    BufferedImage chart = ImageIO.read(out.resolve("train.png").toFile());
    assertEquals(1000, chart.getWidth());
    assertEquals(600, chart.getHeight());
  }

  @Test
  void aDeepSpeedOneCycleDrivesTheLearningRateAndBeta1AsDeepSpeedWould() throws IOException {
    GoldenCase golden = GoldenCase.named("deepspeed", "onecycle-adamw-momentum");
    Path config = Files.writeString(dir.resolve("ds_config.json"), GoldenInputs.forSystem("deepspeed").configText(golden));
    Path out = dir.resolve("run");

    Anneal.Result result = Anneal.run("train", "--config", config.toString(), "--format", "deepspeed", "--steps", "20",
        "--optimizer", "adam", "--hidden", "16,8", "--out", out.toString());

    assertEquals(0, result.exitCode(), String.join("\n", result.err()));
    assertTrue(result.out().get(1).startsWith("model: MLP 64-16-8-10 ("), result.out().get(1));
    List<String[]> log = rows(out.resolve("train.csv"));
    for (int step = 0; step < 20; step++) {
      assertEquals((float) golden.lr()[step], Float.parseFloat(log.get(step)[1]), "lr at " + step);
      assertEquals((float) golden.momentum()[step], Float.parseFloat(log.get(step)[2]), "beta1 at " + step);
    }
  }

  /** The built-in plan runs 3000 updates; 3 epochs of 4 updates stop in its warm-up. */
  private static final String STOPS_AFTER_THREE_EPOCHS = "[RunStopsBeforeEnd] --epochs: the run stops in phase 0 (linear) at update 12 of 3000,"
      + " so the rest of the plan never runs; train the whole plan with --steps 3000 or --epochs 750";

  @Test
  void theUsersCsvTrainsWithTheChosenModel() throws IOException {
    Path data = separable();
    Path out = dir.resolve("run");

    Anneal.Result result = Anneal.run("train", "--data", data.toString(), "--target", "side", "--hidden", "8", "--batch-size", "8",
        "--epochs", "3", "--optimizer", "sgd", "--out", out.toString());

    assertEquals(List.of(STOPS_AFTER_THREE_EPOCHS), result.err());
    assertEquals(0, result.exitCode());
    assertEquals("data: points.csv: 40 rows, 2 features, 2 classes (column side); 32 to train on, 8 held out", result.out().get(0));
    // 2·8 + 8 into the hidden layer, 8·2 + 2 out of it.
    assertEquals("model: MLP 2-8-2 (42 parameters), sgd, batch 8", result.out().get(1));
    assertTrue(result.out().get(2).endsWith("; 12 updates, 4 per epoch"), result.out().get(2));
    assertEquals("length: 12 updates (--epochs 3, 4 per epoch); the plan declares 3000; stops in phase 0 (linear) at update 12 of 3000", result.out().get(3));
    List<String[]> log = rows(out.resolve("train.csv"));
    assertEquals(12, log.size());
    assertEquals("0.95", log.get(0)[2], "the built-in plan's momentum channel is SGD's momentum");
  }

  @Test
  void sgdInPyTorchsFormTrainsAndLogsTheMomentumItApplies() throws IOException {
    Path out = dir.resolve("pytorch-form");

    Anneal.Result result = Anneal.run("train", "--data", separable().toString(), "--target", "side", "--hidden", "8", "--batch-size", "8",
        "--epochs", "3", "--optimizer", "sgd-pytorch", "--out", out.toString());

    assertEquals(List.of(STOPS_AFTER_THREE_EPOCHS), result.err());
    assertEquals(0, result.exitCode());
    assertEquals("model: MLP 2-8-2 (42 parameters), sgd-pytorch, batch 8", result.out().get(1));
    List<String[]> log = rows(out.resolve("train.csv"));
    assertEquals(12, log.size());
    assertEquals("0.95", log.get(0)[2], "the built-in plan's momentum channel is SGD's momentum");
    for (String[] row : log) {
      assertTrue(Double.isFinite(Double.parseDouble(row[4])), "a finite loss at every update: " + String.join(",", row));
    }
  }

  @Test
  void aRunLongerThanItsPlanSaysWhatThePlanDoesAfterItsEnd() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), """
        {"lr": {"phases": [{"shape": "linear", "from": 0.1, "to": 0.01, "steps": 4}], "after": "hold"},
         "momentum": {"phases": [{"shape": "cosine", "from": 0.9, "to": 0.8, "steps": 2}], "after": "continue"}}
        """);

    Anneal.Result result = Anneal.run("train", "--config", plan.toString(), "--data", separable().toString(), "--target", "side", "--hidden", "8",
        "--batch-size", "8", "--steps", "6", "--out", dir.resolve("run").toString());

    assertEquals(List.of("[RunPassesEnd] --steps: the run takes 6 updates, 2 past the plan's declared end (4): after it lr holds 0.01,"
        + " momentum follows its last phase's formula on; stop at its end with --steps 4"), result.err());
    assertEquals(0, result.exitCode());
    assertEquals("length: 6 updates (--steps 6); the plan declares 4; stops 2 updates past its end", result.out().get(3));
    List<String[]> log = rows(dir.resolve("run").resolve("train.csv"));
    assertEquals("0.01", log.get(5)[1], "the held learning rate");
  }

  @Test
  void aRunAsLongAsItsPlanOrOfAnOpenEndedPlanHasNoWarning() throws IOException {
    Path ending = Files.writeString(dir.resolve("ending.json"), """
        {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 2}, {"shape": "linear", "from": 0.1, "to": 0.01, "steps": 3}]}}
        """);
    Path open = Files.writeString(dir.resolve("open.json"), """
        {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": "forever"}]}}
        """);

    Anneal.Result whole = Anneal.run("train", "--config", ending.toString(), "--data", separable().toString(), "--target", "side", "--hidden", "8",
        "--batch-size", "8", "--out", dir.resolve("whole").toString());
    Anneal.Result byEpochs = Anneal.run("train", "--config", open.toString(), "--data", separable().toString(), "--target", "side",
        "--hidden", "8", "--batch-size", "8", "--epochs", "2", "--out", dir.resolve("open").toString());

    assertEquals(List.of(), whole.err());
    assertEquals("length: 5 updates, the plan's declared end; stops in phase 1 (linear) at update 5 of 5", whole.out().get(3));
    assertEquals(List.of(), byEpochs.err());
    assertEquals("length: 8 updates (--epochs 2, 4 per epoch)", byEpochs.out().get(3));
  }

  @Test
  void badOptionsAreNamedWithTheirValue() throws IOException {
    assertBadInput(Anneal.run("train", "--epochs", "0"), "[NonPositiveLength] --epochs: --epochs (0) must be at least 1");
    assertBadInput(Anneal.run("train", "--steps", "0"), "[OutOfRange] --steps: --steps (0) must lie in [1, 10000000]");
    assertBadInput(Anneal.run("train", "--epochs", "2", "--steps", "5"),
        "[LengthGivenTwice] --epochs: --epochs (2) and --steps (5) both set the length of training; give one");
    assertBadInput(Anneal.run("train", "--hidden", "32,0", "--batch-size", "2000"),
        "[OutOfRange] --hidden: --hidden (0) must lie in [1, 65536]",
        "[OutOfRange] --batch-size: --batch-size (2000) must lie in [1, 1438] (the training rows)");
    assertBadInput(Anneal.run("train", "--optimizer", "adm"), "[UnknownType] --optimizer: unknown optimizer 'adm'; did you mean `adam`?");
    assertBadInput(Anneal.run("train", "--target", "digit"),
        "[TargetWithoutData] --target: --target names a column of --data, but no --data is given; add --data FILE.csv or leave --target out");
    assertBadInput(Anneal.run("train", "--format", "deepspeed"),
        "[FormatWithoutConfig] --format: --format is the format of --config, but no --config is given; add --config FILE or leave --format out");
    assertBadInput(Anneal.run("train", "--hidden", "64,x"),
        "anneal train: Invalid value for option '--hidden' (WIDTH): 'x' is not an int. See 'anneal train --help'.");
    Path file = Files.writeString(dir.resolve("taken"), "");
    assertBadInput(Anneal.run("train", "--steps", "1", "--out", file.toString()),
        file + ": [UnwritableFile] cannot write the file: it exists and is not a directory");
  }

  @Test
  void aConfigTheOptimizerCannotApplyIsRefusedBeforeTraining() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), """
        {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 4}], "after": "fail"},
         "dropout": {"phases": [{"shape": "constant", "value": 0.1, "steps": "forever"}]}}
        """);

    assertBadInput(Anneal.run("train", "--config", plan.toString(), "--optimizer", "sgd"),
        plan + ": [ChannelNotApplied] dropout: ScheduledSgd does not apply a channel named 'dropout'; it applies [lr, momentum, weight_decay]");
    Path failing = Files.writeString(dir.resolve("failing.json"), """
        {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 4}], "after": "fail"}}
        """);
    assertBadInput(Anneal.run("train", "--config", failing.toString(), "--steps", "5"),
        failing + ": [StepBeyondEnd] lr (--steps): step 4 is past the declared end (4); declare after-end HOLD or CONTINUE to go on");
    Path noLr = Files.writeString(dir.resolve("nolr.json"), """
        {"momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": 4}]}}
        """);
    assertBadInput(Anneal.run("train", "--config", noLr.toString()),
        noLr + ": [MissingKey] lr: missing required key 'lr': the optimizer needs a learning-rate channel");
  }

  @Test
  void everyProblemOfTheUsersCsvIsNamedWithItsLineAndColumn() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,x\n1,nan,y\n3,\"four\",x\n1,2\n,2,y\n5,6,\n");

    assertBadInput(Anneal.run("train", "--data", bad.toString()),
        bad + ": [NonFiniteValue] line 3, column b: b (nan) must be a finite number",
        bad + ": [WrongType] line 4, column b: expected a number, found \"four\"",
        bad + ": [RowLength] line 5: the row has 2 fields but the header has 3 (a field may not hold a comma, even in quotes)",
        bad + ": [WrongType] line 6, column a: expected a number, found an empty field",
        bad + ": [WrongType] line 7, column label: expected a class label, found an empty field");
    assertBadInput(Anneal.run("train", "--data", separable().toString(), "--target", "sid"),
        dir.resolve("points.csv") + ": [UnknownType] --target: unknown column 'sid'; did you mean `side`?");
    Path oneClass = Files.writeString(dir.resolve("one.csv"), "x,y\n" + "1,a\n".repeat(12));
    assertBadInput(Anneal.run("train", "--data", oneClass.toString()),
        oneClass + ": [OneClass] --target: column y holds one class ('a'); a classifier needs at least 2");
    Path tiny = Files.writeString(dir.resolve("tiny.csv"), "x,y\n1,a\n2,b\n");
    assertBadInput(Anneal.run("train", "--data", tiny.toString()),
        tiny + ": [NotEnoughData] the data has 2 rows; training and a held-out fifth need at least 10");
    StringBuilder continuous = new StringBuilder("x,price\n");
    for (int i = 0; i < 20; i++) {
      continuous.append(i).append(',').append(i * 1.5).append('\n');
    }
    Path prices = Files.writeString(dir.resolve("prices.csv"), continuous);
    assertBadInput(Anneal.run("train", "--data", prices.toString()),
        prices + ": [TooManyClasses] --target: column price holds 20 distinct values in 20 rows, too many for class labels (at most 10: two rows per class); "
            + "anneal trains a classifier: choose a column of class labels with --target");
    Path missing = dir.resolve("missing.csv");
    assertBadInput(Anneal.run("train", "--data", missing.toString()), missing + ": [UnreadableFile] cannot read the file: no such file");
  }

  @Test
  void aCsvWithoutUsableColumnsIsRefusedByItsHeader() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertBadInput(Anneal.run("train", "--data", empty.toString()),
        empty + ": [EmptyDataFile] the file is empty; expected a header line naming the columns, then one example per line");
    Path twice = Files.writeString(dir.resolve("twice.csv"), "a,b,a,label\n1,2,3,x\n");
    assertBadInput(Anneal.run("train", "--data", twice.toString()),
        twice + ": [DuplicateColumn] line 1: column 'a' is named twice in the header (columns 1 and 3); give each column its own name");
    Path labelsOnly = Files.writeString(dir.resolve("labels.csv"), "label\nx\ny\n");
    assertBadInput(Anneal.run("train", "--data", labelsOnly.toString()),
        labelsOnly + ": [NoFeatureColumns] line 1: the header names 1 column; the data needs feature columns besides the target");
  }

  @Test
  void aFileWithManyBadRowsShowsTheFirstTwentyProblems() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,label\n" + "x,1\n".repeat(25));

    Anneal.Result result = Anneal.run("train", "--data", bad.toString());

    assertEquals(21, result.err().size());
    assertEquals(bad + ": [WrongType] line 2, column a: expected a number, found \"x\"", result.err().get(0));
    assertEquals(bad + ": [MoreProblems] 5 more problems in this file are not shown; fix the ones above first", result.err().get(20));
    assertEquals(2, result.exitCode());
  }
}
