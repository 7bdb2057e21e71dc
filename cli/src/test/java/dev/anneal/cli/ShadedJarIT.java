package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cli/target/anneal.jar} run as a user runs it, {@code java -jar}, in its own
 * JVM (Maven's integration-test phase, after the shade): DJL's natives and ServiceLoader files
 * survived the shading, the engine trains offline, DJL's progress bar shows, and nothing but the
 * command's own output is printed.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "anneal.jar").toAbsolutePath();

  @TempDir Path dir;

  private JarRun run(String... args) throws IOException, InterruptedException {
    return JarRun.of(JAR, dir, Duration.ofMinutes(5), args);
  }

  @Test
  void theJarTrainsOfflineWithTheProgressBarAndWritesTheLogAndChart() throws IOException, InterruptedException {
    JarRun train = run("train", "--steps", "50");

    // 50 of the built-in plan's 3000 updates; 45 per epoch, so 67 epochs would cover it.
    assertEquals("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 50 of 3000, so the rest of the plan never runs;"
        + " train the whole plan with --steps 3000 or --epochs 67\n", train.err());
    assertEquals(0, train.exitCode(), train.out());
    assertTrue(train.out().contains("Training:    100% |"), train.out());
    assertTrue(train.out().contains("\ndevice: cpu()\n"), train.out());
    assertEquals(51, Files.readAllLines(dir.resolve("anneal-train/train.csv")).size());
    assertTrue(Files.size(dir.resolve("anneal-train/train.png")) > 10_000);
  }

  /** libtorch warned on fd 2 that AutoNonVariableTypeMode is deprecated when the range test put the weights back. */
  @Test
  void theJarFindsLearningRatesWithNothingOnStandardError() throws IOException, InterruptedException {
    JarRun findLr = run("find-lr", "--steps", "30");

    assertEquals("", findLr.err());
    assertEquals(0, findLr.exitCode(), findLr.out());
    assertTrue(findLr.out().contains("suggested learning rates:"), findLr.out());
  }

  @Test
  void theJarPlotsAndRefusesBadInputInOneLine() throws IOException, InterruptedException {
    Path plan = Files.writeString(dir.resolve("plan.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}]}}");

    JarRun plot = run("plot", plan.toString(), "--out", "plan.svg");
    JarRun bad = run("train", "--batch-size", "0");

    assertEquals(0, plot.exitCode(), plot.err());
    assertTrue(Files.readString(dir.resolve("plan.svg")).contains("<svg"));
    assertEquals("[OutOfRange] --batch-size: --batch-size (0) must lie in [1, 1438] (the training rows)\n", bad.err());
    assertEquals(2, bad.exitCode());
  }
}
