package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.cli.chart.Ticks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    Anneal.Result result = Anneal.run("find-lr", "--optimizer", "sgd", "--steps", "40", "--start-lr", "1e-4", "--end-lr", "10", "--out", chart.toString());

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    List<String> lines = new ArrayList<>(result.out());
    lines.removeIf(line -> line.startsWith("lowest smoothed loss ") || line.startsWith("the loss started to diverge ")
        || line.startsWith("the loss did not diverge"));
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
        "[WrongType] --out: expected a file name ending in .png, .svg or .csv, found 'chart.jpg'");
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
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The tutorials' range test, a ds_config's LRRangeTest. */
  private static final String RANGE_TEST = ROOT.resolve("examples/ds_config-lr-range-test.json").toString();

  /** The rows of a sweep CSV after its header, each split at its commas. */
  private static List<String[]> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertEquals(RangeTestCsv.HEADER, lines.get(0));
    return lines.subList(1, lines.size()).stream().map(line -> line.split(",")).toList();
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + lines));
  }

  private static String round3(double value) {
    return Ticks.label(new BigDecimal(value).round(new MathContext(3)).doubleValue());
  }

  /**
   * The default optimizer is train's (adamw); the sweep goes to the CSV with the chart beside it;
   * the divergence printed is where the CSV's smoothed loss leaves its lowest by more than 10% for
   * good; the one-cycle bounds are ½ of the lowest-loss learning rate and 0.9 of the last one
   * before the divergence.
   */
  @Test
  void theSweepIsWrittenAsCsvBesideTheChartAndTheBoundsFollowTheRule() throws IOException {
    Path csv = dir.resolve("sweep.csv");

    Anneal.Result result = Anneal.run("find-lr", "--steps", "60", "--start-lr", "1e-4", "--end-lr", "100", "--out", csv.toString());

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    List<String> out = result.out();
    assertEquals("model: MLP 64-64-10, adamw, batch 32", out.get(1));
    assertEquals("range test: learning rate 1e-4 to 100, exponentially, over at most 60 updates", out.get(2));
    List<String[]> rows = rows(csv);
    assertTrue(out.get(3).startsWith("stopped after " + rows.size() + " updates: "), out.get(3));
    Matcher diverged = Pattern.compile("the loss started to diverge at learning rate (\\S+) \\(update (\\d+)\\); the last learning rate before it"
        + " was (\\S+) \\(update (\\d+)\\)").matcher(out.get(5));
    assertTrue(diverged.matches(), out.get(5));
    int first = Integer.parseInt(diverged.group(2));
    int lastBefore = Integer.parseInt(diverged.group(4));
    assertEquals(first - 1, lastBefore);
    assertEquals(Ticks.label(Float.parseFloat(rows.get(first)[1])), diverged.group(1));
    // Over the usable rows (the last one stopped the test), the smoothed loss stays more than 10% above its lowest from `first` on,
    // and the row before is the lowest or within 10% of it.
    double[] smoothed = rows.subList(0, rows.size() - 1).stream().mapToDouble(row -> Double.parseDouble(row[3])).toArray();
    double best = Arrays.stream(smoothed).min().orElseThrow();
    for (int i = first; i < smoothed.length; i++) {
      assertTrue(smoothed[i] > 1.1 * best, "update " + i);
    }
    assertTrue(smoothed[lastBefore] == best || smoothed[lastBefore] <= 1.1 * best, "update " + lastBefore);
    Matcher lowest = Pattern.compile("lowest smoothed loss \\S+ at learning rate \\S+ \\(update (\\d+)\\)").matcher(out.get(4));
    assertTrue(lowest.matches(), out.get(4));
    double lowestLr = Float.parseFloat(rows.get(Integer.parseInt(lowest.group(1)))[1]);
    double lastLr = Float.parseFloat(rows.get(lastBefore)[1]);
    assertEquals("  one-cycle (DeepSpeed OneCycle) cycle_min_lr " + round3(0.5 * lowestLr) + ", cycle_max_lr " + round3(0.9 * lastLr)
        + " (0.5 × " + Ticks.label(lowestLr) + ", 0.9 × " + Ticks.label(lastLr) + ")", out.get(9));
    assertEquals("wrote " + dir.resolve("sweep.png") + " (loss against learning rate)", out.get(10));
    assertEquals("wrote " + csv + " (step,lr,loss,smoothed_loss)", out.get(11));
    assertEquals(12, out.size());
    assertEquals(1000, ImageIO.read(dir.resolve("sweep.png").toFile()).getWidth());
    assertEquals("0", rows.get(0)[0]);
    assertEquals("1.0E-4", rows.get(0)[1]);
  }

  /**
   * A ds_config's LRRangeTest is the sweep and its AdamW the optimizer; the OneCycle config written
   * from the bounds is one anneal validate accepts, as a ds_config and as an Anneal plan.
   */
  @Test
  void aDeepSpeedRangeTestWritesAOneCycleConfigThatValidates() throws IOException {
    Path ds = dir.resolve("one-cycle.json");

    Anneal.Result result = Anneal.run("find-lr", "--config", RANGE_TEST, "--steps", "30", "--max-fraction", "0.8", "--cycle-steps", "1001",
        "--write-config", ds.toString(), "--out", dir.resolve("lr.csv").toString());

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    List<String> out = result.out();
    assertEquals("optimizer: the config's AdamW, as adamw: beta1 0.9, beta2 0.999, eps 1e-8, weight decay 0.01", out.get(2));
    assertEquals("range test: the lr channel of " + RANGE_TEST + " (deepspeed), 0.001 at update 0 to 0.146 at update 29, over at most 30"
        + " updates", out.get(3));
    List<String[]> rows = rows(dir.resolve("lr.csv"));
    assertEquals((float) (1e-3 * (1 + 5 * 7)), Float.parseFloat(rows.get(7)[1]), 0f); // DeepSpeed's formula at update 7
    Matcher bounds = Pattern.compile("  one-cycle \\(DeepSpeed OneCycle\\) cycle_min_lr (\\S+), cycle_max_lr (\\S+) \\(0\\.5 × \\S+, 0\\.8 × \\S+\\)")
        .matcher(line(out, "  one-cycle"));
    assertTrue(bounds.matches(), line(out, "  one-cycle"));
    assertEquals("wrote " + ds + " (deepspeed: OneCycle " + bounds.group(1) + " to " + bounds.group(2) + " and back over 1001 updates)",
        out.get(out.size() - 1));
    String text = Files.readString(ds);
    assertTrue(text.contains("\"type\": \"OneCycle\""), text);
    assertTrue(text.contains("\"cycle_min_lr\": " + bounds.group(1) + ","), text);
    assertTrue(text.contains("\"cycle_max_lr\": " + bounds.group(2) + ","), text);
    assertTrue(text.contains("\"cycle_first_step_size\": 500,") && text.contains("\"cycle_second_step_size\": 501,"), text);
    Anneal.Result validated = Anneal.run("validate", ds.toString());
    assertEquals(0, validated.exitCode(), validated.out() + " " + validated.err());
    assertEquals(List.of(), validated.out());

    Path plan = dir.resolve("one-cycle.anneal.json");
    Anneal.Result asPlan = Anneal.run("find-lr", "--config", RANGE_TEST, "--steps", "30", "--max-fraction", "0.8", "--cycle-steps", "1001",
        "--write-config", plan.toString(), "--out", dir.resolve("again.png").toString());
    assertEquals(0, asPlan.exitCode(), asPlan.err().toString());
    assertEquals("wrote " + plan + " (anneal: OneCycle " + bounds.group(1) + " to " + bounds.group(2) + " and back over 1001 updates)",
        asPlan.out().get(asPlan.out().size() - 1));
    Anneal.Result planValidated = Anneal.run("validate", plan.toString(), "--format", "anneal");
    assertEquals(0, planValidated.exitCode(), planValidated.out() + " " + planValidated.err());
    // The same schedule in both formats: the same curve.
    assertEquals(Anneal.run("curve", ds.toString(), "--steps", "1100").out(), Anneal.run("curve", plan.toString(), "--steps", "1100").out());
  }

  /** Fractions that put cycle_min_lr above cycle_max_lr are refused once the sweep is written, and no config is. */
  @Test
  void reversedBoundsAreRefusedWithTheFractionsToChange() throws IOException {
    Path csv = dir.resolve("sweep.csv");
    Path ds = dir.resolve("one-cycle.json");

    Anneal.Result result = Anneal.run("find-lr", "--steps", "60", "--start-lr", "1e-4", "--end-lr", "100", "--out", csv.toString(),
        "--min-fraction", "1", "--max-fraction", "0.01", "--write-config", ds.toString());

    assertEquals(2, result.exitCode());
    List<String> out = result.out();
    int lowestUpdate = Integer.parseInt(out.get(4).replaceAll(".*\\(update (\\d+)\\)$", "$1"));
    int lastUpdate = Integer.parseInt(out.get(5).replaceAll(".*\\(update (\\d+)\\)$", "$1"));
    List<String[]> rows = rows(csv);
    double lowestLr = Float.parseFloat(rows.get(lowestUpdate)[1]);
    double lastLr = Float.parseFloat(rows.get(lastUpdate)[1]);
    assertEquals(List.of("[CycleBoundsReversed] --min-fraction: cycle_min_lr " + round3(lowestLr) + " (--min-fraction 1 × the lowest-loss"
        + " learning rate " + Ticks.label(lowestLr) + ") exceeds cycle_max_lr " + round3(0.01 * lastLr) + " (--max-fraction 0.01 × the last"
        + " learning rate before divergence " + Ticks.label(lastLr) + "), so DeepSpeed would run the cycle upside down; lower --min-fraction"
        + " or raise --max-fraction"), result.err());
    assertTrue(out.stream().noneMatch(line -> line.startsWith("  one-cycle")), out.toString());
    assertEquals("wrote " + csv + " (step,lr,loss,smoothed_loss)", out.get(out.size() - 1));
    assertTrue(Files.notExists(ds));
  }

  /** Every bad option of the sweep and of the written config in one run, before the range test starts. */
  @Test
  void optionsThatDoNotFitTogetherAreAllNamed() {
    assertBadInput(Anneal.run("find-lr", "--config", RANGE_TEST, "--start-lr", "1e-5", "--end-lr", "1", "--min-fraction", "0",
            "--max-fraction", "1.5", "--write-format", "anneal", "--cycle-steps", "1"),
        "[OutOfRange] --min-fraction: --min-fraction (0) must lie in (0, 1]",
        "[OutOfRange] --max-fraction: --max-fraction (1.5) must lie in (0, 1]",
        "[OutOfRange] --cycle-steps: --cycle-steps (1) must lie in [2, ∞) (at least one update up and one down)",
        "[OptionWithoutWriteConfig] --write-format: --write-format (anneal) shapes the config --write-config writes, but no --write-config"
            + " is given; add --write-config FILE or leave --write-format out",
        "[OptionWithoutWriteConfig] --cycle-steps: --cycle-steps (1) shapes the config --write-config writes, but no --write-config is"
            + " given; add --write-config FILE or leave --cycle-steps out",
        "[RampWithConfig] --start-lr: --start-lr (1.0E-5) sets the exponential ramp, but --config replaces the ramp with its lr channel;"
            + " leave --start-lr out, or --config",
        "[RampWithConfig] --end-lr: --end-lr (1) sets the exponential ramp, but --config replaces the ramp with its lr channel; leave"
            + " --end-lr out, or --config");
  }

  /** A format that has no cycle is refused before the range test runs, with exit status 1 as convert gives. */
  @Test
  void aWriteFormatWithoutCyclesIsRefusedBeforeTraining() {
    Path file = dir.resolve("one-cycle.sh");

    Anneal.Result result = Anneal.run("find-lr", "--write-config", file.toString(), "--write-format", "megatron");

    assertEquals(1, result.exitCode());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.err().size(), result.err().toString());
    assertTrue(result.err().get(0).startsWith("[Unsupported] --write-format: "), result.err().get(0));
    assertTrue(Files.notExists(file));
  }
}
