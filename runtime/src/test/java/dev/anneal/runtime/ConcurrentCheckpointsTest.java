package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs saving into one folder under one name: DJL writes {@code <name>-<epoch>.params} in
 * place, so they used to leave the sidecar of one run beside the parameters of the other, and
 * restore accepted the pair. Now a save holds a lock on {@code <name>.lock}, and restore loads
 * only the very bytes whose SHA-256 the sidecar sealed.
 */
class ConcurrentCheckpointsTest {
  static final int ROUNDS = 12;

  @TempDir Path dir;

  /** What one successful save wrote: the step its sidecar holds and the parameters it saved. */
  private record Saved(String writer, long step, Map<String, float[]> parameters) {}

  @Test
  void twoWritersNeverMixTheirFilesAndTheLoserIsToldWhy() throws Exception {
    Map<Path, Saved> saved = new ConcurrentHashMap<>();
    List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (String writer : List.of("a", "b")) {
        writers.add(pool.submit(() -> {
          ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
          try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
            Tiny.setParameters(model);
            for (int round = 0; round < ROUNDS; round++) {
              // Writer b trains twice as many updates per round: its checkpoints hold other steps and parameters.
              // One at a time: the PyTorch engine allows one gradient collector per process. The saves overlap.
              synchronized (ConcurrentCheckpointsTest.class) {
                for (int b = 0; b < (writer.equals("a") ? 1 : 2); b++) {
                  Tiny.step(trainer, schedule, round + b);
                }
              }
              together.await(30, TimeUnit.SECONDS);
              try {
                Path params = Checkpoints.save(trainer, schedule, dir, "tiny");
                saved.put(params, new Saved(writer, schedule.step(), Tiny.parameters(model)));
              } catch (InvalidScheduleException e) {
                assertEquals(RuntimeCode.CHECKPOINT_LOCKED, e.violations().get(0).code(), e::getMessage);
                refusals.add(e.getMessage());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS); // rethrows any other failure of a writer, e.g. an UncheckedIOException
      }
    } finally {
      pool.shutdownNow();
    }

    String locked = "[CheckpointLocked] directory: another save of tiny into " + dir + " is under way (another thread of this process holds "
        + dir.resolve("tiny.lock") + "); give each run its own folder or checkpoint name, or save from one thread at a time";
    for (String refusal : refusals) {
      assertEquals(locked, refusal);
    }
    assertEquals(2 * ROUNDS, saved.size() + refusals.size());
    for (Map.Entry<Path, Saved> entry : saved.entrySet()) {
      Saved expected = entry.getValue();
      ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
      try (Model model = Tiny.model(Tiny.linear())) {
        Checkpoints.restore(model, schedule, entry.getKey(), ResumePolicy.FAIL_ON_DIFFERENCE);
        assertEquals(expected.step(), schedule.step(), entry.getKey() + " saved by writer " + expected.writer());
        Map<String, float[]> restored = Tiny.parameters(model);
        for (String name : expected.parameters().keySet()) {
          assertArrayEquals(expected.parameters().get(name), restored.get(name), 0f, entry.getKey() + " " + name);
        }
      }
    }
    // Neither writer left a private folder, a half-made link or a .params file without its sidecar.
    try (var files = Files.list(dir)) {
      assertEquals(2 * saved.size() + 1, files.count(), "each saved pair and the lock, nothing else");
    }
    assertEquals(List.of(), Checkpoints.incomplete(dir, "tiny"));
  }

  @Test
  void aSaveWhileTheLockIsHeldIsRefusedAtOnce() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule);
         CheckpointLock held = CheckpointLock.acquire(dir, "tiny")) {
      Tiny.step(trainer, schedule, 0);

      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Checkpoints.save(trainer, schedule, dir, "tiny"));

      assertEquals("[CheckpointLocked] directory: another save of tiny into " + dir + " is under way (another thread of this process holds "
          + dir.resolve("tiny.lock") + "); give each run its own folder or checkpoint name, or save from one thread at a time", e.getMessage());
      try (var files = Files.list(dir)) {
        assertEquals(List.of("tiny.lock"), files.map(p -> p.getFileName().toString()).toList(), "nothing written");
      }
    }
  }

  /** Holds the lock of {@code args[1]} in folder {@code args[0]} until its standard input closes: the other process. */
  public static void main(String[] args) throws Exception {
    try (CheckpointLock held = CheckpointLock.acquire(Path.of(args[0]), args[1])) {
      System.out.println("LOCKED");
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }

  @Test
  void aSaveWhileAnotherProcessHoldsTheLockIsRefused() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), ConcurrentCheckpointsTest.class.getName(),
        dir.toString(), "tiny").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("LOCKED", out.readLine());
      ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
      try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
        Tiny.step(trainer, schedule, 0);

        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Checkpoints.save(trainer, schedule, dir, "tiny"));

        assertEquals("[CheckpointLocked] directory: another save of tiny into " + dir + " is under way (another process holds "
            + dir.resolve("tiny.lock") + "); give each run its own folder or checkpoint name, or save from one thread at a time", e.getMessage());
      }
    } finally {
      other.getOutputStream().close();
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
    }
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.step(trainer, schedule, 0);
      assertEquals(dir.resolve("tiny-0000.params"), Checkpoints.save(trainer, schedule, dir, "tiny"), "the lock is free once the other process ends");
    }
  }

  /** The sidecar of run a beside the parameters of run b. */
  @Test
  void aSwappedParamsFileIsRefused() throws Exception {
    Path a = save(dir.resolve("a"), 2);
    Path b = save(dir.resolve("b"), 5);
    Files.copy(b, a, StandardCopyOption.REPLACE_EXISTING);

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.restore(ScheduledTraining.of(CheckpointsTest.PLAN), a,
        ResumePolicy.FAIL_ON_DIFFERENCE));

    assertEquals("[ParamsChangedSinceSave] paramsFile: " + a + " changed after its Anneal state was saved (SHA-256 " + sha256(b).substring(0, 12)
        + "…, saved with " + sha256(dir.resolve("a-original")).substring(0, 12) + "…); refusing to resume from a mismatched pair", e.getMessage());
  }

  /**
   * While another thread swaps the {@code .params} file between run a's and run b's, again and
   * again: each restore either refuses the pair or loads exactly run a's parameters, never b's
   * (the old restore verified the file, then DJL read it again).
   */
  @Test
  void aParamsFileSwappedDuringRestoresIsNeverLoaded() throws Exception {
    Path a = save(dir.resolve("a"), 2);
    Path b = save(dir.resolve("b"), 5);
    Map<String, float[]> expected;
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, ScheduledTraining.of(CheckpointsTest.PLAN), a, ResumePolicy.FAIL_ON_DIFFERENCE);
      expected = Tiny.parameters(model);
    }
    Path original = dir.resolve("a-original");
    AtomicBoolean done = new AtomicBoolean();
    Thread swapper = new Thread(() -> {
      try {
        for (int i = 0; !done.get(); i++) {
          Path staged = dir.resolve("a").resolve("swap.tmp");
          Files.copy(i % 2 == 0 ? b : original, staged, StandardCopyOption.REPLACE_EXISTING);
          Files.move(staged, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    swapper.start();
    AtomicInteger accepted = new AtomicInteger();
    try {
      for (int i = 0; i < 200; i++) {
        try (Model model = Tiny.model(Tiny.linear())) {
          Checkpoints.restore(model, ScheduledTraining.of(CheckpointsTest.PLAN), a, ResumePolicy.FAIL_ON_DIFFERENCE);
          accepted.incrementAndGet();
          Map<String, float[]> loaded = Tiny.parameters(model);
          for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), loaded.get(name), 0f, "restore " + i + ": " + name);
          }
        } catch (InvalidScheduleException refused) {
          assertEquals(RuntimeCode.PARAMS_CHANGED_SINCE_SAVE, refused.violations().get(0).code(), refused::getMessage);
        }
      }
    } finally {
      done.set(true);
      swapper.join();
    }
    assertTrue(accepted.get() > 0, "every restore was refused: the swap never left run a's file in place");
  }

  /** Trains {@code updates} updates from the fixed start and saves into {@code folder}; keeps a copy of the params as {@code <folder>-original}. */
  private Path save(Path folder, int updates) throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < updates; b++) {
        Tiny.step(trainer, schedule, b);
      }
      Path params = Checkpoints.save(trainer, schedule, folder, "tiny");
      Files.copy(params, folder.resolveSibling(folder.getFileName() + "-original"));
      return params;
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
