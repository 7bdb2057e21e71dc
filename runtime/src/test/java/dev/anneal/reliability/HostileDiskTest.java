package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves into a folder that runs out of space at every point of a save, and into a read-only
 * folder: each save either completes or fails with an {@link IOException}, leaves no file of its
 * own behind, and never harms a checkpoint saved before, which {@link Checkpoints#latest} still
 * finds and {@link Checkpoints#restore} accepts.
 *
 * <p>A full disk needs a small file system of its own: a tmpfs, which only root (or a process with
 * {@code CAP_SYS_ADMIN}) can mount; elsewhere that test is skipped and says so. A read-only folder
 * is a tmpfs remounted read-only when mounting works (root ignores a folder's permissions), else a
 * folder without write permission.
 */
class HostileDiskTest {
  static final int UPDATES = 40;
  /** About 5,000 parameters: a 20 KB .params file and a 40 KB sidecar (Adam's moments). */
  static final int WIDTH = 64;
  static final int PAGE = 4096;

  @TempDir Path dir;

  @Test
  void aDiskFullAtAnyPointOfASaveLeavesTheCheckpointsBeforeItWhole() throws Exception {
    Path disk = Files.createDirectory(dir.resolve("disk"));
    mount(disk, "size=1m");
    try {
      Path checkpoints = disk.resolve("ckpt");
      Path filler = disk.resolve("filler");
      int failed = 0;
      int saved = 0;
      try (Run run = new Run()) {
        run.train(4);
        Checkpoints.save(run.trainer, run.schedule, checkpoints, TrainingProcess.NAME);
        // Leave 0, 1, 2, … pages free, until a save fits: every save between fails at another point.
        for (int pages = 0; ; pages++) {
          fill(filler, disk, pages);
          run.train(1);
          long step = run.schedule.step();
          try {
            Checkpoints.save(run.trainer, run.schedule, checkpoints, TrainingProcess.NAME);
            saved++;
          } catch (IOException e) {
            failed++;
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), () -> "failed for another reason: " + e);
          }
          Files.delete(filler);
          assertOnlyCompleteCheckpoints(checkpoints);
          Path latest = Checkpoints.latest(checkpoints, TrainingProcess.NAME);
          long restored = restoredStep(latest);
          if (saved > 0) {
            assertEquals(step, restored, "the save that fitted is the newest checkpoint");
            break;
          }
          assertEquals(4, restored, "every failed save left the first checkpoint the newest");
        }
        Path next = Checkpoints.save(run.trainer, run.schedule, checkpoints, TrainingProcess.NAME);
        assertEquals(next, Checkpoints.latest(checkpoints, TrainingProcess.NAME));
      }
      System.out.println("full disk: " + failed + " saves failed for want of space (0 to " + (failed - 1) + " pages free), every earlier checkpoint whole");
      assertTrue(failed >= 5, "the disk never ran out inside a save");
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aReadOnlyFolderRefusesTheSaveAndStillResumes() throws Exception {
    Path disk = Files.createDirectory(dir.resolve("disk"));
    boolean mounted = tryMount(disk, "size=4m");
    try {
      Path checkpoints = disk.resolve("ckpt");
      try (Run run = new Run()) {
        run.train(4);
        Path first = Checkpoints.save(run.trainer, run.schedule, checkpoints, TrainingProcess.NAME);
        List<String> before = listing(checkpoints);
        if (mounted) {
          command("mount", "-o", "remount,ro", disk.toString());
        } else {
          Files.setPosixFilePermissions(checkpoints, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
          run.train(2);
          IOException e = assertThrows(IOException.class, () -> Checkpoints.save(run.trainer, run.schedule, checkpoints, TrainingProcess.NAME));
          // EROFS on a read-only mount; a folder without write permission denies the private folder.
          assertTrue(mounted ? String.valueOf(e.getMessage()).contains("Read-only file system") : e instanceof AccessDeniedException, e::toString);
          assertEquals(before, listing(checkpoints));
          assertEquals(first, Checkpoints.latest(checkpoints, TrainingProcess.NAME));
          assertEquals(4, restoredStep(first), "a read-only folder still resumes");
        } finally {
          if (mounted) {
            command("mount", "-o", "remount,rw", disk.toString());
          } else {
            Files.setPosixFilePermissions(checkpoints, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    } finally {
      if (mounted) {
        unmount(disk);
      }
    }
  }

  /** A training run of {@link TrainingProcess}'s plan and model, {@link #WIDTH} wide, in this process. */
  private static final class Run implements AutoCloseable {
    final ScheduledTraining schedule = ScheduledTraining.of(TrainingProcess.plan(UPDATES));
    final Model model = TrainingProcess.model(WIDTH);
    final Trainer trainer;

    Run() {
      trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(ScheduledAdam.adamW(schedule).build())
          .addTrainingListeners(schedule.listener()));
      trainer.initialize(new Shape(8, 4));
      TrainingProcess.setParameters(model);
    }

    void train(int updates) {
      for (int u = 0; u < updates; u++) {
        TrainingProcess.backward(trainer, schedule.step());
        trainer.step();
        schedule.endStep();
      }
    }

    @Override
    public void close() {
      trainer.close();
      model.close();
    }
  }

  private static long restoredStep(Path params) throws IOException {
    ScheduledTraining schedule = ScheduledTraining.of(TrainingProcess.plan(UPDATES));
    try (Model model = TrainingProcess.model(WIDTH)) {
      Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE);
    }
    return schedule.step();
  }

  /** Only complete checkpoints and the lock: no orphan, temporary file or private folder. */
  private static void assertOnlyCompleteCheckpoints(Path checkpoints) throws IOException {
    List<String> names = listing(checkpoints);
    for (String name : names) {
      boolean pairOk = name.endsWith(".params") ? names.contains(name + ".anneal")
          : name.endsWith(".params.anneal") ? names.contains(name.substring(0, name.length() - ".anneal".length()))
          : name.equals(TrainingProcess.NAME + ".lock");
      assertTrue(pairOk, () -> name + " left in the folder: " + names);
    }
    assertEquals(List.of(), Checkpoints.incomplete(checkpoints, TrainingProcess.NAME));
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Fills the file system of {@code disk} with {@code filler} until {@code pages} pages are left free. */
  private static void fill(Path filler, Path disk, int pages) throws IOException {
    byte[] page = new byte[PAGE];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (Files.getFileStore(disk).getUsableSpace() > (long) pages * PAGE) {
        out.write(page);
        out.flush();
      }
    } catch (IOException full) {
      // The last page did not fit: the disk is full.
    }
  }

  private static void mount(Path at, String options) throws Exception {
    Assumptions.assumeTrue(tryMount(at, options),
        "skipped: mounting a small tmpfs (to fill it) needs root or CAP_SYS_ADMIN, which this process lacks");
  }

  private static boolean tryMount(Path at, String options) {
    try {
      return command("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString()) == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void unmount(Path at) throws Exception {
    command("umount", at.toString());
  }

  private static int command(String... words) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(words));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
