package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal find-lr} through the command's entry point: a short real range test, and bad settings. */
class FindLrCommandTest {
  @TempDir Path dir;

  private static void assertBadInput(Anneal.Result result, String... errLines) {
    assertEquals(List.of(errLines), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aShortRangeTestPrintsSuggestionsWithinTheRangeAndWritesTheChart() throws IOException {
    Path chart = dir.resolve("lr.png");

    Anneal.Result result = Anneal.run("find-lr", "--steps", "40", "--start-lr", "1e-4", "--end-lr", "10", "--out", chart.toString());

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    List<String> lines = result.out();
    assertEquals("model: MLP 64-64-10, sgd, batch 32", lines.get(1));
    assertEquals("range test: learning rate 1e-4 to 10, exponentially, over at most 40 updates", lines.get(2));
    assertTrue(lines.get(3).startsWith("stopped after ") || lines.get(3).startsWith("ran all 40 updates"), lines.get(3));
    assertEquals("suggested learning rates:", lines.get(4));
    for (String line : lines.subList(5, 7)) {
      double lr = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      assertTrue(lr >= 1e-5 && lr <= 10, line);
    }
    assertTrue(lines.get(7).startsWith("  one-cycle (DeepSpeed OneCycle) cycle_min_lr "), lines.get(7));
    assertEquals("wrote " + chart + " (loss against learning rate)", lines.get(8));
    BufferedImage image = ImageIO.read(chart.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(450, image.getHeight());
  }

  @Test
  void badSettingsAreNamedByTheirFlag() {
    assertBadInput(Anneal.run("find-lr", "--start-lr", "-1", "--steps", "1"),
        "[NotPositive] --start-lr: --start-lr (-1) must be greater than 0",
        "[OutOfRange] --steps: --steps (1) must lie in [2, ∞)");
    assertBadInput(Anneal.run("find-lr", "--start-lr", "0.1", "--end-lr", "0.01"),
        "[OutOfRange] --end-lr: --end-lr (0.01) must lie in (startLr, ∞) = (0.1, ∞)");
    assertBadInput(Anneal.run("find-lr", "--out", "chart.jpg"),
        "[WrongType] --out: expected a file name ending in .png or .svg, found 'chart.jpg'");
    assertBadInput(Anneal.run("find-lr", "--optimizer", "lion"), "[UnknownType] --optimizer: unknown optimizer 'lion'; expected one of: adam, adamw, sgd, sgd-pytorch");
  }
}
