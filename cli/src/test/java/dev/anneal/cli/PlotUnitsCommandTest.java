package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal plot --x UNIT} through the command's entry point, with real files. */
class PlotUnitsCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  /** Two phases in tokens against a batch of 4 sequences of 8 tokens (32 tokens an update). */
  private static final String TOKENS = """
      {
        "geometry": {"sequence_length": 8, "global_batch": 4},
        "lr": {"phases": [
          {"shape": "linear", "from": 0.1, "to": 1, "steps": {"tokens": 320}},
          {"shape": "cosine", "from": 1, "to": 0.1, "steps": {"tokens": 3200}}
        ]}
      }
      """;

  @TempDir Path dir;

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aPaperScheduleIsDrawnInTokens() throws IOException {
    Path png = dir.resolve("deepseek.png");

    Anneal.Result result = Anneal.run("plot", EXAMPLES.resolve("deepseek-v3.json").toString(), "--x", "tokens", "--out", png.toString());

    assertEquals(0, result.exitCode(), result.err().toString());
    assertEquals(1, result.out().size());
    assertTrue(result.out().get(0).startsWith("wrote " + png + " (lr; steps 0 to "), result.out().toString());
    assertTrue(result.out().get(0).endsWith(", x in tokens)"), result.out().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(300, image.getHeight());
  }

  @Test
  void everyUnitTheGeometryDefinesCanBeTheAxis() throws IOException {
    Path config = Files.writeString(dir.resolve("tokens.json"), TOKENS);
    Set<String> pictures = new HashSet<>();
    for (String unit : List.of("updates", "samples", "tokens")) {
      Path png = dir.resolve(unit + ".png");
      Anneal.Result result = Anneal.run("plot", config.toString(), "--x", unit, "--out", png.toString());
      // 320 tokens are 10 updates, 3,200 more are 100: the declared end is 110, drawn to 121.
      assertEquals(List.of("wrote " + png + " (lr; steps 0 to 120" + (unit.equals("updates") ? "" : ", x in " + unit) + ")"), result.out());
      assertEquals(0, result.exitCode());
      // Each axis is its own picture: other tick labels and axis title.
      assertTrue(pictures.add(Base64.getEncoder().encodeToString(Files.readAllBytes(png))), unit + " draws the same picture as another unit");
    }
  }

  @Test
  void epochsComeFromTheDataSet() throws IOException {
    Path png = dir.resolve("resnet.png");

    Anneal.Result result = Anneal.run("plot", EXAMPLES.resolve("resnet50-imagenet-epochs.json").toString(), "--x", "epochs", "--out", png.toString());

    // 90 epochs of 5,005 updates: the declared end is 450,450, drawn a tenth past it.
    assertEquals(List.of("wrote " + png + " (lr; steps 0 to 495494, x in epochs)"), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aUnitTheGeometryCannotConvertIsRefusedWithWhatItLacks() throws IOException {
    Path noSequence = Files.writeString(dir.resolve("samples.json"), """
        {"geometry": {"global_batch": 4}, "lr": {"phases": [{"shape": "constant", "value": 1, "steps": 10}]}}
        """);
    assertBadInput(Anneal.run("plot", noSequence.toString(), "--x", "tokens", "--out", dir.resolve("a.png").toString()),
        noSequence + ": [UnitNeedsGeometry] --x: --x is given in tokens, which needs a sequence length in the run geometry;"
            + " give sequence_length in the config's \"geometry\"");
    assertBadInput(Anneal.run("plot", noSequence.toString(), "--x", "epochs", "--out", dir.resolve("a.png").toString()),
        noSequence + ": [UnitNeedsGeometry] --x: --x is given in epochs, which needs the updates per epoch in the run geometry;"
            + " give updates_per_epoch, or dataset_size with batch_size, in the config's \"geometry\"");
    Path noGeometry = Files.writeString(dir.resolve("plain.json"), """
        {"lr": {"phases": [{"shape": "constant", "value": 1, "steps": 10}]}}
        """);
    assertBadInput(Anneal.run("plot", noGeometry.toString(), "--x", "samples", "--out", dir.resolve("a.png").toString()),
        noGeometry + ": [UnitNeedsGeometry] --x: --x is given in samples, which needs a run geometry;"
            + " add \"geometry\": {…} at the top of the config (docs/units.md), or plot with --x updates");
    assertBadInput(Anneal.run("plot", noGeometry.toString(), "--x", "tokenz", "--out", dir.resolve("a.png").toString()),
        noGeometry + ": [UnknownType] --x: unknown unit 'tokenz'; --x takes updates, epochs, samples or tokens");
  }

  @Test
  void theTextChartSaysItCountsSteps() throws IOException {
    Path config = Files.writeString(dir.resolve("tokens.json"), TOKENS);

    Anneal.Result result = Anneal.run("plot", config.toString(), "--x", "tokens", "--out", "-");

    assertEquals(0, result.exitCode());
    assertEquals(List.of(config + ": [AxisNotInTextChart] --x: the text chart counts steps, so --x tokens is not drawn;"
        + " write a picture with --out FILE.png or FILE.svg to draw the x axis in tokens"), result.err());
    assertEquals(Anneal.run("plot", config.toString(), "--out", "-").out(), result.out());
  }

  @Test
  void aPyTorchConfigsEpochFiguresDrawEpochs() {
    Path png = dir.resolve("steplr.png");

    Anneal.Result result = Anneal.run("plot", EXAMPLES.resolve("pytorch-epoch-steplr.json").toString(), "--x", "epochs", "--out", png.toString());

    assertEquals(0, result.exitCode(), result.err().toString());
    assertEquals(List.of("wrote " + png + " (lr; steps 0 to 2699, x in epochs)"), result.out());
  }

  @Test
  void aMegatronLaunchWithAConstantBatchDrawsTokens() throws IOException {
    Path script = Files.writeString(dir.resolve("train.sh"), """
        python pretrain_gpt.py --lr 3e-4 --min-lr 3e-5 --lr-decay-style cosine --train-iters 1000 \\
            --lr-warmup-iters 100 --global-batch-size 8 --seq-length 1024
        """);
    Path png = dir.resolve("megatron.png");

    Anneal.Result result = Anneal.run("plot", script.toString(), "--x", "tokens", "--out", png.toString());
    Anneal.Result noSequence = Anneal.run("plot", "--format", "megatron", "--config-text",
        "--lr 3e-4 --train-iters 1000 --global-batch-size 8", "--x", "tokens", "--out", png.toString());

    assertEquals(0, result.exitCode(), result.err().toString());
    assertTrue(result.out().get(0).endsWith(", x in tokens)"), result.out().toString());
    assertEquals(2, noSequence.exitCode());
    assertTrue(noSequence.err().contains("<inline>: [UnitNeedsGeometry] --x: --x is given in tokens, which needs a sequence length in the run geometry; "
        + "give --seq-length"), noSequence.err().toString());
  }
}
