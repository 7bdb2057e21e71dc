package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "anneal " + String.join(" ", args) + " did not finish in 2 minutes");
    return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
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

    Run validate = run("validate", plan.toString(), "--format", "anneal");
    Run plot = run("plot", plan.toString(), "--out", "plan.svg");
    Run train = run("train", "--steps", "5");

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
