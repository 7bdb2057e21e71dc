package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cli/target/anneal-slim.jar} run with {@code java -jar}: under 10 MB, without
 * PyTorch's natives, it plots and validates as the full jar does, and refuses to train in one line
 * that names the full jar.
 */
class SlimJarIT {
  private static final Path JAR = Path.of("target", "anneal-slim.jar").toAbsolutePath();
  private static final long TEN_MB = 10L * 1024 * 1024;

  @TempDir Path dir;

  private JarRun run(String... args) throws IOException, InterruptedException {
    return JarRun.of(JAR, dir, Duration.ofMinutes(2), args);
  }

  @Test
  void theJarIsSmallAndCarriesNoNatives() throws IOException {
    assertTrue(Files.size(JAR) < TEN_MB, JAR + " is " + Files.size(JAR) + " bytes");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> natives = jar.stream().map(e -> e.getName())
          .filter(name -> name.startsWith("pytorch/") || name.startsWith("jnilib/") || name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll"))
          .toList();
      assertEquals(List.of(), natives);
    }
  }

  @Test
  void theJarValidatesPlotsAndRefusesToTrain() throws IOException, InterruptedException {
    Path plan = Files.writeString(dir.resolve("plan.json"), "{\"lr\": {\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 4}]}}");

    JarRun validate = run("validate", plan.toString(), "--format", "anneal");
    JarRun plot = run("plot", plan.toString(), "--out", "plan.svg");
    JarRun train = run("train", "--steps", "5");

    assertEquals(0, validate.exitCode(), validate.err());
    assertEquals("", validate.err());
    assertEquals(0, plot.exitCode(), plot.err());
    assertTrue(Files.readString(dir.resolve("plan.svg")).contains("<svg"));
    assertEquals("anneal train: needs PyTorch's natives, which the slim jar (anneal-slim.jar) leaves out;"
        + " run it with the full jar instead: ./anneal train in a checkout, or java -jar cli/target/anneal.jar train"
        + " after mvn -B package -DskipTests (docs/install.md)\n", train.err());
    assertEquals(2, train.exitCode());
  }
}
