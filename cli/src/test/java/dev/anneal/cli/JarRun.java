package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a packaged command jar with {@code java -jar}, in its own JVM and in {@code dir}, as a
 * user runs it: its exit status and everything it printed. {@link #ofClassPath} runs the same
 * {@code main} from the test's class path instead, for what only a process of its own shows (the
 * native libraries' writes on file descriptor 2) before any jar is packaged.
 */
record JarRun(int exitCode, String out, String err) {
  /**
   * Runs {@code jar} with {@code args} in {@code dir}.
   *
   * @param limit how long the run may take before the test fails
   */
  static JarRun of(Path jar, Path dir, Duration limit, String... args) throws IOException, InterruptedException {
    return run(List.of("-jar", jar.toString()), dir, limit, args);
  }

  /** Runs {@code jar} as {@link #of} does, the JVM started with {@code jvmOptions} first. */
  static JarRun withOptions(List<String> jvmOptions, Path jar, Path dir, Duration limit, String... args) throws IOException, InterruptedException {
    List<String> launch = new ArrayList<>(jvmOptions);
    launch.addAll(List.of("-jar", jar.toString()));
    return run(launch, dir, limit, args);
  }

  /** Runs {@link AnnealCommand#main} with {@code args} in {@code dir}, on the class path of the running tests. */
  static JarRun ofClassPath(Path dir, Duration limit, String... args) throws IOException, InterruptedException {
    return run(List.of("-cp", System.getProperty("java.class.path"), AnnealCommand.class.getName()), dir, limit, args);
  }

  private static JarRun run(List<String> launch, Path dir, Duration limit, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(launch);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(process.waitFor(limit.toSeconds(), TimeUnit.SECONDS),
        "anneal " + String.join(" ", args) + " did not finish in " + limit.toMinutes() + " minutes");
    return new JarRun(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }
}
