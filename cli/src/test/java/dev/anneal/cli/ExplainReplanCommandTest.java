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

/**
 * {@code anneal explain} and {@code plot} with {@code --replan N:E} and {@code --decay-now N:D},
 * through the commands' entry points, on a warm-up–stable–decay plan: warm-up 0 → 0.001 over 100,
 * stable for 700, cosine to 1e-5 over 200 (ends at 1000), and a momentum that never ends.
 */
class ExplainReplanCommandTest {
  private static final String WSD = """
      {
        "lr": {"phases": [
          {"shape": "linear", "from": 0, "to": 0.001, "steps": 100},
          {"shape": "constant", "value": 0.001, "steps": 700},
          {"shape": "cosine", "from": 0.001, "to": 0.00001, "steps": 200}
        ]},
        "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
      }
      """;

  private static final String ZERO = "[FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  @TempDir Path dir;

  private Path plan() throws IOException {
    return Files.writeString(dir.resolve("wsd.json"), WSD);
  }

  /** Re-planned at 500 to end at 2000: factor (2000 - 500) / (1000 - 500) = 3, boundary 800 → 1400, 1000 → 2000. */
  @Test
  void explainShowsTheReplannedPlanBesideTheOld() throws IOException {
    Anneal.Result result = Anneal.run("explain", plan().toString(), "--step", "900", "--replan", "500:2000");

    assertEquals(List.of(
        "lr: step 900: 5.05E-4 from phases[2] (cosine decay, local step 100)",
        "    formula: to + (from - to) * (1 + cos(2π * cycles * t / n)) / 2",
        "    inputs: cycles=0.5, from=0.001, n=200, t=100, to=1.0E-5",
        "lr, --replan 500:2000: step 900: 0.001 from phases[1] (constant, local step 800)",
        "    formula: value",
        "    inputs: n=1300, t=800, value=0.001",
        "    note: re-planned at step 500: the phase lengths from here fitted to end at 2000 (was 1000)",
        "lr, the plan beside the re-planned one:",
        "  step       old                      re-planned",
        "  0          0                        0",
        "  100        0.001                    0.001",
        "  500        0.001                    0.001   <- re-planned here",
        "  800        0.001                    0.001",
        "  1000       1.0E-5                   0.001",
        "  1400       1.0E-5                   0.001",
        "  2000       1.0E-5                   1.0E-5",
        "momentum: step 900: 0.9 from phases[0] (constant, local step 900)",
        "    formula: value",
        "    inputs: n=open, t=900, value=0.9",
        "    open-ended: no declared end; curve shows 1000 steps by default, plot 1000 unless another channel ends; pass --steps to see more",
        "momentum, --replan 500:2000: unchanged (it has no end to fit)",
        "warnings and notes:",
        "  " + ZERO), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  /** The cool-down branched at 500 over 100 updates: the cosine from 0.001 reaches 1e-5 at 600. */
  @Test
  void explainShowsADecayBranchedFromTheStablePhase() throws IOException {
    Anneal.Result result = Anneal.run("explain", plan().toString(), "--step", "550", "--decay-now", "500:100", "--channel", "lr");

    // cosine over 100 at t = 50: 1e-5 + (0.001 - 1e-5) * (1 + cos(π / 2)) / 2 = 5.05e-4.
    assertEquals(List.of(
        "lr: step 550: 0.001 from phases[1] (constant, local step 450)",
        "    formula: value",
        "    inputs: n=700, t=450, value=0.001",
        "lr, --decay-now 500:100: step 550: 5.05E-4 from phases[2] (cosine decay, local step 50)",
        "    formula: to + (from - to) * (1 + cos(2π * cycles * t / n)) / 2",
        "    inputs: cycles=0.5, from=0.001, n=100, t=50, to=1.0E-5",
        "    note: re-planned at step 500: the decay phase branched from the stable phase over 100 updates, ending at 600",
        "lr, the plan beside the re-planned one:",
        "  step       old                      re-planned",
        "  0          0                        0",
        "  100        0.001                    0.001",
        "  500        0.001                    0.001   <- re-planned here",
        "  600        0.001                    1.0E-5",
        "  800        0.001                    1.0E-5",
        "  1000       1.0E-5                   1.0E-5",
        "warnings and notes:",
        "  " + ZERO), result.out());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aDecayOutsideTheStablePhaseIsRefusedUnderTheFlag() throws IOException {
    Path plan = plan();
    Anneal.Result result = Anneal.run("explain", plan.toString(), "--step", "600", "--decay-now", "50:100");

    assertEquals(List.of(plan + ": [DecayNowOutsideStable] --decay-now lr.phases[0]: step 50 of channel lr is in phase 0 (linear warm-up),"
        + " not in a stable (constant) phase: decay now branches the cool-down from a checkpoint taken in the stable phase"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aValueNotOfTheFormIsRefused() throws IOException {
    Anneal.Result result = Anneal.run("explain", plan().toString(), "--step", "600", "--replan", "5x");

    assertEquals(List.of("[BadReplanOption] --replan: --replan takes N:E, two whole numbers of updates joined by a colon, not '5x';"
        + " e.g. --replan 800:3000"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void bothReplansAtOnceAreRefused() throws IOException {
    Anneal.Result result = Anneal.run("plot", plan().toString(), "--replan", "500:2000", "--decay-now", "500:100", "--out", "-");

    assertEquals(List.of("[ReplanGivenTwice] --replan: --replan (500:2000) and --decay-now (500:100) each re-plan the run; give one"),
        result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aReplanIsRefusedWithJson() throws IOException {
    Anneal.Result result = Anneal.run("explain", plan().toString(), "--step", "600", "--replan", "500:2000", "--json");

    assertEquals(List.of("[ReplanNotInJson] --replan: --replan sets the old plan beside the re-planned one as text, which the --json"
        + " document has no field for; leave out --json or --replan"), result.err());
    assertEquals(2, result.exitCode());
  }

  /** The PNG holds both curves (the old one dashed in the second colour) and the green line at the re-plan step. */
  @Test
  void plotDrawsBothPlansAndTheReplanStep() throws IOException {
    Path png = dir.resolve("replan.png");
    Anneal.Result result = Anneal.run("plot", plan().toString(), "--replan", "500:2000", "--out", png.toString());

    assertEquals(List.of("wrote " + png + " (lr, momentum; steps 0 to 2199; --replan 500:2000 solid, the plan before it dashed)"), result.out());
    assertEquals(0, result.exitCode());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(2 * 300, image.getHeight());
    assertTrue(holds(image, 0x1f77b4), "the re-planned curve");
    assertTrue(holds(image, 0xff7f0e), "the old curve");
    assertTrue(holds(image, 0x2ca02c), "the re-plan step");
  }

  @Test
  void theTextChartDrawsEachChannelBeforeAndAfter() throws IOException {
    Anneal.Result result = Anneal.run("plot", plan().toString(), "--replan", "500:900", "--steps", "30", "--out", "-");

    assertEquals(List.of("lr (before the re-plan), steps 0 to 29", "lr (--replan 500:900), steps 0 to 29",
            "momentum (before the re-plan), steps 0 to 29", "momentum (--replan 500:900), steps 0 to 29"),
        result.out().stream().filter(line -> line.contains(", steps 0 to")).toList());
    assertEquals(0, result.exitCode());
  }

  private static boolean holds(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
