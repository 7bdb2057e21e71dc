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
 * What {@code train} and {@code find-lr} print on standard error, seen as a user sees it: from
 * {@code main} in a JVM of their own, so that writes of the native libraries on file descriptor 2
 * (libtorch's warnings, which no Java stream captures, once per process) show too. libtorch warned
 * that {@code AutoNonVariableTypeMode} is deprecated when the range test put the parameters back
 * through DJL's {@code NDArray.set(Buffer)}.
 */
class NativeStderrTest {
  private static final Duration LIMIT = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void findLrPrintsNothingOnStandardError() throws IOException, InterruptedException {
    JarRun findLr = JarRun.ofClassPath(dir, LIMIT, "find-lr", "--steps", "30", "--out", "lr.png");

    assertEquals("", findLr.err());
    assertEquals(0, findLr.exitCode(), findLr.out());
    assertTrue(findLr.out().contains("suggested learning rates:"), findLr.out());
    assertTrue(Files.size(dir.resolve("lr.png")) > 1_000);
  }

  @Test
  void trainPrintsOnlyItsOwnDiagnosticOnStandardError() throws IOException, InterruptedException {
    JarRun train = JarRun.ofClassPath(dir, LIMIT, "train", "--steps", "5");

    assertEquals("[RunStopsBeforeEnd] --steps: the run stops in phase 0 (linear) at update 5 of 3000, so the rest of the plan never runs;"
        + " train the whole plan with --steps 3000 or --epochs 67\n", train.err());
    assertEquals(0, train.exitCode(), train.out());
  }
}
