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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
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
 * random 0 to 300 microseconds after a save has visibly begun (its private folder {@code .run.saving}
 * is being written) or been committed (its {@code .run.commit} folder is being moved into place),
 * then started again on the same folder, again and again. Each restart resumes as documented,
 * from {@link Checkpoints#latest}, which {@code Checkpoints.restore} must accept. After the last
 * restart runs to the end, the learning rate of every update (the run that last performed it) and
 * every parameter must equal, bit for bit, those of a run that was never killed. After every kill,
 * {@code latest} must name a checkpoint that restores to a step no earlier than the last save the
 * runs reported finished, and every sidecar in the folder must be whole: {@code Checkpoints.restore}
 * refuses only a {@code .params} file whose sidecar is not yet in place, never one it finds torn.
 * The same runs once more with every save replacing the same epoch, as a model with DJL's {@code
 * Epoch} property saves.
 */
class CrashResumeTest {
  static final int UPDATES = 60;
  static final int SAVE_EVERY = 4;
  static final int TRIALS = 24;
  /** Kills among saves that replace one epoch: fewer, as each save there is also among the trials above. */
  static final int RESAVE_TRIALS = 16;
  static final long SEED = 0xC8A5L;
  static final String SAVING = "." + TrainingProcess.NAME + ".saving";
  static final String COMMIT = "." + TrainingProcess.NAME + ".commit";

  /** What a run printed. */
  private record Run(List<String> lines, boolean killed, boolean killedInSave) {}

  /**
   * What a series of kills did: kills, of them inside a save, chains of runs resumed to the end,
   * restarts that resumed from a checkpoint, of them from a commit a kill cut short, and {@code
   * .params} files left without a sidecar (refused, and skipped by {@code latest}).
   */
  private record Tally(int kills, int inSave, int chains, int resumes, int fromCommit, int withoutSidecar) {
    @Override
    public String toString() {
      return kills + " kills (" + inSave + " inside a save), " + resumes + " resumes (" + fromCommit + " from a commit cut short), "
          + chains + " chain(s) of runs resumed to the end, " + withoutSidecar + " .params files left without a sidecar and skipped";
    }
  }

  @Test
  void killedAtRandomAndResumedTheRunEqualsOneThatNeverStopped(@TempDir Path dir) throws Exception {
    Tally tally = killAndResume(dir, false, TRIALS, SEED);
    System.out.println("crash/resume: " + tally + "; every resumed run equal to the uninterrupted one");
    assertTrue(tally.inSave() >= 1, "no kill landed inside a save (the disk never showed a save left unfinished)");
  }

  @Test
  void killedWhileReplacingOneEpochTheRunEqualsOneThatNeverStopped(@TempDir Path dir) throws Exception {
    Tally tally = killAndResume(dir, true, RESAVE_TRIALS, SEED + 1);
    System.out.println("crash/resume, every save replacing epoch 0: " + tally + "; every resumed run equal to the uninterrupted one");
    assertTrue(tally.inSave() >= 1, "no kill landed inside a save (the disk never showed a save left unfinished)");
  }

  /**
   * Runs {@link TrainingProcess} once without interruption, then kills and restarts it until
   * {@code trials} kills, checking the folder after each and the values and parameters at the end
   * of each chain of runs.
   */
  private static Tally killAndResume(Path dir, boolean resave, int trials, long seed) throws Exception {
    Run straight = run(dir.resolve("straight"), null, null, resave);
    assertTrue(straight.lines().contains("DONE"), () -> "the uninterrupted run did not finish: " + straight.lines());
    Map<Long, String> expectedLr = learningRates(List.of(straight));
    List<String> expectedParams = parameters(straight);
    assertEquals(UPDATES, expectedLr.size());

    Random random = new Random(seed);
    int chains = 1;
    Path crashed = dir.resolve("crashed-" + chains);
    List<Run> runs = new ArrayList<>();
    int kills = 0;
    int inSave = 0;
    int resumes = 0;
    int fromCommit = 0;
    long saved = 0;
    Set<Path> refused = new HashSet<>();
    while (kills < trials) {
      Run run = run(crashed, random.nextBoolean() ? "SAVING" : "STEP", random, resave);
      runs.add(run);
      assertTrue(run.lines().stream().noneMatch(line -> line.startsWith("REFUSED ")), () -> "the documented resume was refused: " + run.lines());
      resumes += run.lines().stream().anyMatch(line -> line.startsWith("FROM ")) ? 1 : 0;
      fromCommit += run.lines().stream().anyMatch(line -> line.startsWith("FROM ." + TrainingProcess.NAME + ".commit")) ? 1 : 0;
      if (run.lines().contains("DONE")) {
        // Resumed from the last checkpoint (the run had saved its last update when it was killed) and finished.
        assertFinalState(expectedLr, expectedParams, runs);
        runs.clear();
        saved = 0;
        crashed = dir.resolve("crashed-" + ++chains);
        continue;
      }
      assertTrue(run.killed(), () -> "neither finished nor killed: " + run.lines());
      kills++;
      inSave += run.killedInSave() ? 1 : 0;
      saved = Math.max(saved, lastSaved(run));
      assertLatestKeepsEverySave(crashed, saved);
      if (!resave) {
        refused.addAll(assertNoTornSidecar(crashed));
      }
    }
    Run last = run(crashed, null, null, resave);
    runs.add(last);
    resumes++;
    fromCommit += last.lines().stream().anyMatch(line -> line.startsWith("FROM ." + TrainingProcess.NAME + ".commit")) ? 1 : 0;
    assertFinalState(expectedLr, expectedParams, runs);
    return new Tally(kills, inSave, chains, resumes, fromCommit, refused.size());
  }

  /** The step of the last save the run reported finished, 0 if none. */
  private static long lastSaved(Run run) {
    long saved = 0;
    for (String line : run.lines()) {
      if (line.startsWith("SAVED ")) {
        saved = Long.parseLong(line.substring("SAVED ".length()));
      }
    }
    return saved;
  }

  /**
   * {@code Checkpoints.latest} names a checkpoint that restores, at a step no earlier than {@code
   * saved}, the last save the runs reported finished: a finished save is never lost, however the
   * next one was cut.
   */
  private static void assertLatestKeepsEverySave(Path dir, long saved) throws IOException {
    Path latest;
    try {
      latest = Checkpoints.latest(dir, TrainingProcess.NAME);
    } catch (InvalidScheduleException none) {
      assertEquals(0, saved, () -> "no checkpoint found, but a save of step " + saved + " had finished: " + none.getMessage());
      return;
    }
    ScheduledTraining schedule = ScheduledTraining.of(TrainingProcess.plan(UPDATES));
    try (Model model = TrainingProcess.model(TrainingProcess.DEFAULT_WIDTH)) {
      Checkpoints.restore(model, schedule, latest, ResumePolicy.FAIL_ON_DIFFERENCE);
    }
    assertTrue(schedule.step() >= saved, () -> latest + " holds step " + schedule.step() + ", but a save of step " + saved + " had finished");
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
   * Whether the kill landed inside a save: the run left its private folder ({@code .run.saving}
   * being written, or {@code .run.commit} being moved into place), or a {@code .params} file of its
   * own without a sidecar (the commit had put the parameters in place, not yet the sidecar).
   */
  private static boolean saveLeftUnfinished(Path dir, Set<Path> before) throws IOException {
    for (Path file : files(dir)) {
      String name = file.getFileName().toString();
      if (name.equals(SAVING) || name.equals(COMMIT)
          || !before.contains(file) && name.endsWith(".params") && Files.notExists(file.resolveSibling(name + ".anneal"))) {
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
   * Returns once the save in progress in {@code dir} is being written ({@code .run.saving}) or, if
   * {@code committed}, being moved into place ({@code .run.commit}); or once the save is over
   * (neither folder there after one was seen, or a sidecar added or replaced since {@code before},
   * the sidecars when the run said it began the save); after 5 s regardless.
   */
  private static void awaitSaveStage(Path dir, boolean committed, Map<String, FileTime> before) throws IOException {
    Path saving = dir.resolve(SAVING);
    Path commit = dir.resolve(COMMIT);
    boolean seen = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      boolean writing = Files.exists(saving);
      boolean moving = Files.exists(commit);
      if (committed ? moving : writing || moving) {
        return;
      }
      if (seen && !writing && !moving || !writing && !moving && !sidecars(dir).equals(before)) {
        return;
      }
      seen |= writing || moving;
      Thread.onSpinWait();
    }
  }

  /** Each sidecar in {@code dir} with the time it was last written. */
  private static Map<String, FileTime> sidecars(Path dir) throws IOException {
    Map<String, FileTime> out = new TreeMap<>();
    for (Path file : files(dir)) {
      if (file.getFileName().toString().endsWith(".anneal")) {
        try {
          out.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
        } catch (NoSuchFileException replaced) {
          out.put(file.getFileName().toString(), FileTime.fromMillis(0)); // replaced between the listing and the look
        }
      }
    }
    return out;
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
  private static Run run(Path dir, String trigger, Random random, boolean resave) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true", "-Xmx256m", "-XX:TieredStopAtLevel=1", TrainingProcess.class.getName(),
        dir.toString(), Integer.toString(UPDATES), Integer.toString(SAVE_EVERY), Integer.toString(TrainingProcess.DEFAULT_WIDTH),
        resave ? "resave" : "add");
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
            Map<String, FileTime> sidecars = sidecars(dir);
            // Wait until the save has visibly begun (a load on the machine can hold the process
            // back for milliseconds), then kill while it writes its files or moves them into place.
            awaitSaveStage(dir, random.nextBoolean(), sidecars);
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
