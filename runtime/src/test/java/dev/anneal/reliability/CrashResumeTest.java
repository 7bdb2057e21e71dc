package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Model;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.ScheduledTraining;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-safe resume: {@link TrainingProcess} runs as a process of its own and is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at seeded random moments, after a random update or a
 * random 0 to 300 microseconds after a save has visibly begun (its new {@code .params} file
 * or its temporary sidecar is on disk), then started again on the same folder, again and
 * again. Each restart resumes from the newest checkpoint {@code Checkpoints.restore} accepts.
 * After the last restart runs to the end, the learning rate of every update (the run that last
 * performed it) and every parameter must equal, bit for bit, those of a run that was never
 * killed. After every kill, every sidecar on disk must be whole: {@code Checkpoints.restore}
 * refuses only a checkpoint whose sidecar is missing (killed before it was written), never one it
 * finds torn.
 */
class CrashResumeTest {
  static final int UPDATES = 60;
  static final int SAVE_EVERY = 4;
  static final int TRIALS = 24;
  static final long SEED = 0xC8A5L;

  /** What a run printed. */
  private record Run(List<String> lines, boolean killed, boolean killedInSave) {}

  @Test
  void killedAtRandomAndResumedTheRunEqualsOneThatNeverStopped(@TempDir Path dir) throws Exception {
    Run straight = run(dir.resolve("straight"), null, null);
    assertTrue(straight.lines().contains("DONE"), () -> "the uninterrupted run did not finish: " + straight.lines());
    Map<Long, String> expectedLr = learningRates(List.of(straight));
    List<String> expectedParams = parameters(straight);
    assertEquals(UPDATES, expectedLr.size());

    Random random = new Random(SEED);
    int chains = 1;
    Path crashed = dir.resolve("crashed-" + chains);
    List<Run> runs = new ArrayList<>();
    int kills = 0;
    int inSave = 0;
    Set<Path> refused = new HashSet<>();
    while (kills < TRIALS) {
      Run run = run(crashed, random.nextBoolean() ? "SAVING" : "STEP", random);
      runs.add(run);
      if (run.lines().contains("DONE")) {
        // Resumed from the last checkpoint (the run had saved its last update when it was killed) and finished.
        assertFinalState(expectedLr, expectedParams, runs);
        runs.clear();
        crashed = dir.resolve("crashed-" + ++chains);
        continue;
      }
      assertTrue(run.killed(), () -> "neither finished nor killed: " + run.lines());
      kills++;
      inSave += run.killedInSave() ? 1 : 0;
      refused.addAll(assertNoTornSidecar(crashed));
    }
    Run last = run(crashed, null, null);
    runs.add(last);
    assertFinalState(expectedLr, expectedParams, runs);
    System.out.println("crash/resume: " + kills + " kills, " + chains + " chain(s) of runs resumed to the end, " + inSave + " kills inside a save, "
        + refused.size() + " checkpoints left without a sidecar and refused; every resumed run equal to the uninterrupted one");
    assertTrue(inSave >= 1, "no kill landed inside a save (the disk never showed a save left unfinished)");
  }

  /** The learning rates and parameters of the runs, latest run first for each update, equal the uninterrupted run's. */
  private static void assertFinalState(Map<Long, String> expectedLr, List<String> expectedParams, List<Run> runs) {
    Run last = runs.get(runs.size() - 1);
    assertTrue(last.lines().contains("DONE"), () -> "the last run did not finish: " + last.lines());
    assertEquals(expectedLr, learningRates(runs), "the learning rate of every update, as float bits");
    assertEquals(expectedParams, parameters(last), "every parameter, as float bits");
  }

  /**
   * Every checkpoint on disk is either accepted or refused for a missing sidecar; a torn or
   * corrupted sidecar under its final name would mean the atomic replace failed.
   *
   * @return those refused for a missing sidecar
   */
  private static Set<Path> assertNoTornSidecar(Path dir) throws IOException {
    Set<Path> missing = new HashSet<>();
    List<Path> params;
    try (Stream<Path> files = Files.list(dir)) {
      params = files.filter(f -> f.getFileName().toString().endsWith(".params")).sorted().toList();
    }
    for (Path file : params) {
      String refusal = refusal(file);
      if (refusal == null) {
        continue;
      }
      if (refusal.contains("CheckpointUnreadable") && refusal.contains(" is missing (")) {
        missing.add(file);
      } else {
        fail(file.getFileName() + " was refused for another reason than a missing sidecar: " + refusal);
      }
    }
    return missing;
  }

  /**
   * Whether the kill landed inside a save: the run left a temporary sidecar behind, or a {@code
   * .params} file of its own without a sidecar (DJL was writing it, or Anneal had not yet renamed
   * its sidecar into place).
   */
  private static boolean saveLeftUnfinished(Path dir, Set<Path> before) throws IOException {
    for (Path file : files(dir)) {
      String name = file.getFileName().toString();
      if (!before.contains(file) && (name.endsWith(".tmp")
          || name.endsWith(".params") && Files.notExists(file.resolveSibling(name + ".anneal")))) {
        return true;
      }
    }
    return false;
  }

  private static Set<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.collect(Collectors.toSet());
    }
  }

  /**
   * Returns once the save in progress in {@code dir} has created its new {@code .params} file (DJL
   * writes it in place), or, if {@code sidecar}, its temporary sidecar; after 5 s regardless.
   */
  private static void awaitSaveStage(Path dir, boolean sidecar) throws IOException {
    long params = count(dir, ".params");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (sidecar ? count(dir, ".tmp") > 0 : count(dir, ".params") > params) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  private static long count(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }

  /** Why {@code Checkpoints.restore} refuses {@code params}, or null if it accepts it. */
  private static String refusal(Path params) throws IOException {
    try {
      try (Model model = TrainingProcess.model(TrainingProcess.DEFAULT_WIDTH)) {
        Checkpoints.restore(model, ScheduledTraining.of(TrainingProcess.plan(UPDATES)), params, ResumePolicy.FAIL_ON_DIFFERENCE);
      }
      return null;
    } catch (InvalidScheduleException refused) {
      return refused.getMessage();
    }
  }

  /** The float bits of the learning rate of each update, from the latest run that performed it. */
  private static Map<Long, String> learningRates(List<Run> runs) {
    Map<Long, String> out = new TreeMap<>();
    for (Run run : runs) {
      for (String line : run.lines()) {
        String[] words = line.split(" ");
        if (words[0].equals("STEP") && words.length == 3) {
          out.put(Long.parseLong(words[1]), words[2]);
        }
      }
    }
    return out;
  }

  private static List<String> parameters(Run run) {
    return run.lines().stream().filter(line -> line.startsWith("PARAM ")).toList();
  }

  /**
   * Starts {@link TrainingProcess} on {@code dir} and, if {@code trigger} is given, kills it with
   * SIGKILL once it has printed {@code trigger} for a random update or save after the one it
   * resumed from (for a save, once it has visibly begun), a random 0 to 300 microseconds later.
   */
  private static Run run(Path dir, String trigger, Random random) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true", "-Xmx256m", "-XX:TieredStopAtLevel=1", TrainingProcess.class.getName(),
        dir.toString(), Integer.toString(UPDATES), Integer.toString(SAVE_EVERY));
    Files.createDirectories(dir);
    Set<Path> before = files(dir);
    builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".stderr").toFile()));
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    boolean killed = false;
    String target = null;
    int delayMicros = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (trigger != null && line.startsWith("RESUMED ") && Long.parseLong(line.substring("RESUMED ".length())) < UPDATES) {
          long from = Long.parseLong(line.substring("RESUMED ".length()));
          long at = from + random.nextInt((int) (UPDATES - from));
          target = trigger + " " + (trigger.equals("SAVING") ? SAVE_EVERY * (1 + at / SAVE_EVERY) : at);
          delayMicros = random.nextInt(300);
        } else if (target != null && (line.equals(target) || line.startsWith(target + " "))) {
          if (trigger.equals("SAVING")) {
            // Wait until the save has visibly begun (a load on the machine can hold the process
            // back for milliseconds), then kill inside DJL's write or Anneal's sidecar write.
            awaitSaveStage(dir, random.nextBoolean());
          }
          long until = System.nanoTime() + delayMicros * 1_000L;
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          process.destroyForcibly(); // also closes the pipe: what it printed after this is lost
          killed = true;
          break;
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the training process did not end within a minute; its output: " + lines);
    }
    boolean finished = lines.contains("DONE");
    return new Run(lines, killed && !finished, killed && !finished && saveLeftUnfinished(dir, before));
  }
}
