package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures how far Anneal is from every golden Megatron case (the largest absolute and relative
 * difference of each channel) and writes the table of {@code docs/parity/megatron.md} to {@code
 * target/megatron-parity.md}. Fails if any case leaves the project's tolerance.
 */
class MegatronParityReportTest {
  @Test
  void everyCaseIsWithinToleranceAndTheTableIsWritten() throws IOException {
    GoldenInputs inputs = GoldenInputs.forSystem("megatron");
    List<String> rows = new ArrayList<>();
    rows.add("| case | steps | lr: max abs | lr: max rel | weight decay: max abs | weight decay: max rel |");
    rows.add("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (GoldenCase golden : GoldenCase.all("megatron").toList()) {
      Plan plan = Formats.byName("megatron").read(inputs.configText(golden)).plan();
      double[] lr = plan.lr().values(0, golden.steps());
      double[] wdExpected = golden.weightDecay();
      if (wdExpected == null) {
        // Not recorded: Megatron sets every step to the end_wd it was constructed with.
        wdExpected = new double[golden.steps()];
        Arrays.fill(wdExpected, golden.config().get("OptimizerParamScheduler").get("end_wd").doubleValue());
      }
      double[] wd = plan.channel(Plan.WEIGHT_DECAY).values(0, golden.steps());
      double[] lrDiff = differences(golden.lr(), lr);
      double[] wdDiff = differences(wdExpected, wd);
      rows.add("| `" + golden.name() + "` | " + golden.steps() + " | " + show(lrDiff[0]) + " | " + show(lrDiff[1]) + " | "
          + show(wdDiff[0]) + " | " + show(wdDiff[1]) + " |");
    }
    Path out = Path.of("target", "megatron-parity.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", rows) + "\n");
  }

  /** {largest absolute difference, largest relative difference}; fails beyond the tolerance. */
  private static double[] differences(double[] expected, double[] actual) {
    double abs = 0;
    double rel = 0;
    for (int i = 0; i < expected.length; i++) {
      assertTrue(GoldenAssert.close(expected[i], actual[i]), "step " + i + ": expected " + expected[i] + ", got " + actual[i]);
      double d = Math.abs(expected[i] - actual[i]);
      abs = Math.max(abs, d);
      if (expected[i] != 0) {
        rel = Math.max(rel, d / Math.abs(expected[i]));
      }
    }
    return new double[] {abs, rel};
  }

  private static String show(double value) {
    return value == 0 ? "0 (bit-exact)" : String.format(Locale.ROOT, "%.1e", value);
  }
}
