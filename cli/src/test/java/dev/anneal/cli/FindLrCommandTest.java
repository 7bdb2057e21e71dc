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
        "[OutOfRange] --steps: --steps (1) must lie in [5, ∞) (the suggestions need 5 losses)");
    assertBadInput(Anneal.run("find-lr", "--start-lr", "0.1", "--end-lr", "0.01"),
        "[OutOfRange] --end-lr: --end-lr (0.01) must lie in (--start-lr, ∞) = (0.1, ∞)");
    assertBadInput(Anneal.run("find-lr", "--start-lr", "0.1", "--end-lr", "0.1"),
        "[OutOfRange] --end-lr: --end-lr (0.1) must lie in (--start-lr, ∞) = (0.1, ∞)");
    assertBadInput(Anneal.run("find-lr", "--out", "chart.jpg"),
        "[WrongType] --out: expected a file name ending in .png or .svg, found 'chart.jpg'");
    assertBadInput(Anneal.run("find-lr", "--steps", "4"), "[OutOfRange] --steps: --steps (4) must lie in [5, ∞) (the suggestions need 5 losses)");
    assertBadInput(Anneal.run("find-lr", "--optimizer", "lion"), "[UnknownType] --optimizer: unknown optimizer 'lion'; expected one of: adam, adamw, sgd, sgd-pytorch");
  }

  /** Learning rates the optimizer cannot apply as 32-bit floats were a crash (exit 70) or a silent 0 before. */
  @Test
  void learningRatesOutsideTheFloatRangeAreRefusedByTheirFlag() {
    String range = "[1.17549435E-38, 3.4028235E38], the normal range of the 32-bit floats the optimizer applies";
    assertBadInput(Anneal.run("find-lr", "--start-lr", "1e-310"),
        "[OutOfRange] --start-lr: --start-lr (1.0E-310) must lie in " + range);
    assertBadInput(Anneal.run("find-lr", "--start-lr", "1e-40", "--end-lr", "1e39"),
        "[OutOfRange] --start-lr: --start-lr (1.0E-40) must lie in " + range,
        "[OutOfRange] --end-lr: --end-lr (1.0E39) must lie in " + range);
    assertBadInput(Anneal.run("find-lr", "--start-lr", "0", "--end-lr", "-3"),
        "[NotPositive] --start-lr: --start-lr (0) must be greater than 0",
        "[NotPositive] --end-lr: --end-lr (-3) must be greater than 0");
    assertBadInput(Anneal.run("find-lr", "--start-lr", "NaN", "--end-lr", "Infinity"),
        "[NonFiniteValue] --start-lr: --start-lr (NaN) must be a finite number",
        "[NonFiniteValue] --end-lr: --end-lr (Infinity) must be a finite number");
  }

  /** Learning rates so large that the loss diverges on the second update: suggested 1e30 with exit status 0 before. */
  @Test
  void aLossThatDivergesBeforeFiveUsableLossesIsRefusedWithTheFix() {
    Path chart = dir.resolve("lr.png");

    Anneal.Result result = Anneal.run("find-lr", "--start-lr", "1e30", "--end-lr", "1e35", "--steps", "20", "--out", chart.toString());

    assertEquals(List.of("[RangeTestTooShort] too few usable losses to suggest a learning rate: 1 (finite, measured before the loss diverged"
        + " at learning rate 1.8329807E30 on update 2), at least 5 needed; start from a smaller --start-lr, or let the learning rate grow"
        + " more slowly with a smaller --end-lr or more --steps"), result.err());
    assertEquals(2, result.exitCode());
    assertEquals("range test: learning rate 1e30 to 1e35, exponentially, over at most 20 updates", result.out().get(2));
    assertEquals(3, result.out().size());
    assertTrue(java.nio.file.Files.notExists(chart), "no chart of a refused test");
  }
}
