package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal plot} through the command's entry point: PNG, SVG, the text chart, and bad input. */
class PlotCommandTest {
  /** lr: 0 → 1 over 4 steps, then 1 for 4 steps (declared end 8); momentum 0.9 forever. */
  private static final String PLAN = """
      {
        "lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 1, "steps": 4},
          {"shape": "constant", "value": 1, "steps": 4}
        ]},
        "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
      }
      """;

  private static final String ZERO_WARNING =
      ": [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  @TempDir Path dir;

  private Path plan() throws IOException {
    return Files.writeString(dir.resolve("plan.json"), PLAN);
  }

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aPngHasOnePanelPerChannel() throws IOException {
    Path plan = plan();
    Path png = dir.resolve("plan.png");

    Anneal.Result result = Anneal.run("plot", plan.toString(), "--out", png.toString());

    assertEquals(List.of("wrote " + png + " (lr, momentum; steps 0 to 8)"), result.out());
    assertEquals(List.of(plan + ZERO_WARNING), result.err());
    assertEquals(0, result.exitCode());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(2 * 300, image.getHeight());
  }

  @Test
  void anSvgIsAVectorDocumentWithTheLabels() throws IOException {
    Path svg = dir.resolve("plan.svg");

    Anneal.Result result = Anneal.run("plot", plan().toString(), "--out", svg.toString(), "--steps", "20");

    assertEquals(0, result.exitCode());
    String text = Files.readString(svg);
    assertTrue(text.startsWith("<?xml"), text.substring(0, 40));
    assertTrue(text.contains("<svg") && text.contains("width=\"1000") && text.contains("height=\"600"), text.substring(0, 400));
  }

  @Test
  void theTextChartMarksTheBoundaryAndTheEnd() throws IOException {
    Anneal.Result result = Anneal.run("plot", plan().toString(), "--out", "-");

    // Default: the declared end (8) and one step past it, one column per step. Rows: 0 at the
    // bottom (row 9), 1 at the top; 0.25 → row round(6.75) = 7, 0.5 → round(4.5) = 5, 0.75 → round(2.25) = 2.
    assertEquals(List.of(
        "lr, steps 0 to 8",
        "1 +    *****",
        "  |    :   |",
        "  |   *:   |",
        "  |    :   |",
        "  |    :   |",
        "  |  * :   |",
        "  |    :   |",
        "  | *  :   |",
        "  |    :   |",
        "0 +*   :   |",
        "  +----+---E",
        "   0   4   8",
        "   linear warm-up",
        "       constant",
        "           end",
        "",
        "momentum, steps 0 to 8",
        "0.9 +",
        "    |",
        "    |",
        "    |",
        "    |",
        "    |*********",
        "    |",
        "    |",
        "    |",
        "0.9 +",
        "    +---------",
        "     0",
        "     constant",
        ""), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void withoutADisplayItPrintsTheTextChart() throws IOException {
    Anneal.Result text = Anneal.run("plot", plan().toString(), "--out", "-");
    Anneal.Result headless = Anneal.run("plot", plan().toString());

    assertEquals(text.out(), headless.out());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path plan = plan();
    assertBadInput(Anneal.run("plot", plan.toString(), "--out", "plan.pdf"),
        "[WrongType] --out: expected a file name ending in .png or .svg, found 'plan.pdf'");
    assertBadInput(Anneal.run("plot", plan.toString(), "--steps", "0"), "[OutOfRange] --steps: --steps (0) must lie in [1, 10000000]");
    assertBadInput(Anneal.run("plot", plan.toString(), "--format", "deepspeedd"),
        "[UnknownType] --format: unknown format 'deepspeedd'; did you mean `deepspeed`?");
    Path failing = Files.writeString(dir.resolve("failing.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}], \"after\": \"fail\"}}");
    assertBadInput(Anneal.run("plot", failing.toString(), "--steps", "6", "--out", "-"),
        failing + ": [StepBeyondEnd] lr (--steps): step 5 is past the declared end (4); declare after-end HOLD or CONTINUE to go on");
    Path missing = dir.resolve("missing.json");
    assertBadInput(Anneal.run("plot", missing.toString()), missing + ": [UnreadableFile] cannot read the file: no such file");
  }

  @Test
  void anImportedScheduleIsDrawnPastItsDeclaredEnd() throws IOException {
    Path ds = Files.writeString(dir.resolve("ds_config.json"), CurveCommandTest.DS_WARMUP_DECAY);

    Anneal.Result result = Anneal.run("plot", ds.toString(), "--format", "deepspeed", "--out", "-");

    // WarmupDecayLR reaches warmup_min_lr at step 5001 (total_num_steps 5000, one update late): 5001 and a tenth past it.
    assertEquals("lr, steps 0 to 5500", result.out().get(0));
    assertEquals(0, result.exitCode());
  }

  @Test
  void aFailingEndLimitsTheDefaultSteps() throws IOException {
    Path failing = Files.writeString(dir.resolve("failing.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}], \"after\": \"fail\"}}");

    Anneal.Result result = Anneal.run("plot", failing.toString(), "--out", "-");

    assertEquals("lr, steps 0 to 3", result.out().get(0));
    assertEquals(0, result.exitCode());
  }
}
