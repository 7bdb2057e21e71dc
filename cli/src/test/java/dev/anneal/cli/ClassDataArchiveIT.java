package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code package} writes beside the jar ({@code src/build/class-data-archive.sh})
 * and {@code ./anneal} starts the JVM with: it is there, newer than the jar (the launcher's test for
 * using it), it maps (with {@code -Xshare:on} a JVM that cannot use it refuses to start, so a stale or
 * foreign archive fails here), and a run started with it does what a run without it does, printing
 * nothing more. Written by the build's unix profile only, as the launcher is a bash script.
 */
@DisabledOnOs(OS.WINDOWS)
class ClassDataArchiveIT {
  private static final Path JAR = Path.of("target", "anneal.jar").toAbsolutePath();
  private static final Path ARCHIVE = Path.of("target", "anneal.jsa").toAbsolutePath();
  /** What ./anneal adds when it uses the archive, with -Xshare:on instead of the default auto. */
  private static final List<String> WITH_ARCHIVE =
      List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:+UseSerialGC");

  @TempDir Path withArchive;
  @TempDir Path without;

  @Test
  void theArchiveIsNewerThanTheJarSoTheLauncherUsesIt() throws IOException {
    assertTrue(Files.isRegularFile(ARCHIVE), ARCHIVE + " was not written by package; see its output");
    assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0, "the archive is older than the jar");
  }

  @Test
  void aRunStartedWithTheArchiveTrainsAsOneWithoutAndPrintsNothingMore() throws IOException, InterruptedException {
    JarRun mapped = JarRun.withOptions(WITH_ARCHIVE, JAR, withArchive, Duration.ofMinutes(5), "train", "--steps", "60");
    JarRun plain = JarRun.withOptions(List.of("-XX:+UseSerialGC"), JAR, without, Duration.ofMinutes(5), "train", "--steps", "60");

    assertEquals(0, mapped.exitCode(), mapped.out() + mapped.err());
    assertEquals(plain.err(), mapped.err());
    assertEquals(withoutTimes(plain.out()), withoutTimes(mapped.out()));
    assertArrayEquals(Files.readAllBytes(without.resolve("anneal-train/train.csv")), Files.readAllBytes(withArchive.resolve("anneal-train/train.csv")));
  }

  /** The output less what differs from run to run: the progress bar's redraws and the seconds the loop took. */
  private static String withoutTimes(String out) {
    return out.replaceAll("Training:[^\\n]*", "Training").replaceAll("in [0-9.]+ s, [0-9.]+ ms per update", "in S s, M ms per update");
  }
}
