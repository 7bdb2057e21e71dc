package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a save leaves in its folder and what {@link Checkpoints#latest} picks there: orphans are
 * skipped and listed, never removed; leftovers of a killed save are cleared by the next one; a
 * commit cut short is found and finished; a re-save of an epoch replaces the pair whole; the
 * sidecar has its parameters' permissions; an unreadable checkpoint is refused with its path.
 */
class CheckpointFolderTest {
  @TempDir Path dir;

  /** Trains {@code updates} updates from fixed parameters and saves, with the model's Epoch property set if {@code epoch} is given. */
  private Path save(int updates, String epoch) throws IOException {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < updates; b++) {
        Tiny.step(trainer, schedule, b);
      }
      if (epoch != null) {
        model.setProperty("Epoch", epoch);
      }
      return Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }

  private long restoredStep(Path params) throws IOException {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    Tiny.restore(schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE);
    return schedule.step();
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anOrphanParamsFileIsSkippedListedAndKept() throws Exception {
    save(3, null);
    Path orphan = dir.resolve("tiny-0001.params");
    Files.copy(dir.resolve("tiny-0000.params"), orphan); // what a save of an earlier Anneal killed before its sidecar left

    assertEquals(dir.resolve("tiny-0000.params"), Checkpoints.latest(dir, "tiny"));
    assertEquals(3, restoredStep(Checkpoints.latest(dir, "tiny")));
    assertEquals(List.of(orphan), Checkpoints.incomplete(dir, "tiny"));

    Path next = save(5, null);
    assertEquals(dir.resolve("tiny-0002.params"), next, "numbered past the orphan, as DJL numbers");
    assertEquals(next, Checkpoints.latest(dir, "tiny"));
    assertEquals(List.of("tiny-0000.params", "tiny-0000.params.anneal", "tiny-0001.params", "tiny-0002.params", "tiny-0002.params.anneal",
        "tiny.lock"), listing(), "the orphan is listed, never deleted: another tool may have written it");
  }

  @Test
  void whatAKilledSaveLeftIsClearedByTheNextSave() throws Exception {
    save(3, null);
    Path staging = Files.createDirectory(dir.resolve(".tiny.saving"));
    Files.write(staging.resolve("tiny-0001.params"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("tiny-0001.params.anneal8416.tmp"), new byte[] {4});
    Files.write(dir.resolve(".tiny-0001.params.install"), new byte[] {5});

    assertEquals(dir.resolve("tiny-0000.params"), Checkpoints.latest(dir, "tiny"));
    save(4, null);
    assertEquals(List.of("tiny-0000.params", "tiny-0000.params.anneal", "tiny-0001.params", "tiny-0001.params.anneal", "tiny.lock"), listing());
    assertEquals(4, restoredStep(Checkpoints.latest(dir, "tiny")));
    assertEquals(3, restoredStep(dir.resolve("tiny-0000.params")));
  }

  @Test
  void aCommitCutShortIsFoundAndFinishedByTheNextSave() throws Exception {
    Path params = save(3, "7");
    byte[] oldSidecar = Files.readAllBytes(Sidecar.pathFor(params));
    save(6, "7");
    byte[] newParams = Files.readAllBytes(params);
    byte[] newSidecar = Files.readAllBytes(Sidecar.pathFor(params));
    // The re-save of epoch 7 as a kill after its commit leaves it: the new parameters already in
    // place beside the old sidecar, the whole new pair still in the commit folder.
    Files.write(Sidecar.pathFor(params), oldSidecar);
    Path commit = Files.createDirectory(dir.resolve(".tiny.commit"));
    Files.write(commit.resolve("tiny-0007.params"), newParams);
    Files.write(commit.resolve("tiny-0007.params.anneal"), newSidecar);

    assertEquals(commit.resolve("tiny-0007.params"), Checkpoints.latest(dir, "tiny"));
    assertEquals(6, restoredStep(Checkpoints.latest(dir, "tiny")));
    assertEquals(List.of(), Checkpoints.incomplete(dir, "tiny"));

    assertEquals(dir.resolve("tiny-0008.params"), save(8, null));
    assertEquals(List.of("tiny-0007.params", "tiny-0007.params.anneal", "tiny-0008.params", "tiny-0008.params.anneal", "tiny.lock"), listing());
    assertArrayEquals(newSidecar, Files.readAllBytes(Sidecar.pathFor(params)), "the interrupted commit was finished before the next save");
    assertEquals(6, restoredStep(params));
  }

  @Test
  void aResaveOfAnEpochReplacesThePairWhole() throws Exception {
    Path params = save(3, "4");
    assertEquals(dir.resolve("tiny-0004.params"), params);
    assertEquals(params, save(6, "4"));
    assertEquals(6, restoredStep(params));
    assertEquals(List.of("tiny-0004.params", "tiny-0004.params.anneal", "tiny.lock"), listing());
  }

  @Test
  void theSavedFileIsDjlsFormatAndTheModelPathIsLeftAlone() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, schedule, 0);
      Path before = model.getModelPath();
      Path params = Checkpoints.save(trainer, schedule, dir, "tiny");
      assertEquals(before, model.getModelPath());
      Path djl = Files.createDirectory(dir.resolve("djl"));
      model.save(djl, "tiny");
      assertArrayEquals(Files.readAllBytes(djl.resolve("tiny-0000.params")), Files.readAllBytes(params), "byte for byte what Model.save writes");
    }
  }

  @Test
  void theSidecarHasThePermissionsOfItsParameters() throws Exception {
    Path params = save(3, "2");
    assertEquals(Files.getPosixFilePermissions(params), Files.getPosixFilePermissions(Sidecar.pathFor(params)));
    Files.setPosixFilePermissions(params, PosixFilePermissions.fromString("rw-r-----"));
    save(4, "2");
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(params)), "a re-save keeps the file's permissions");
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(Sidecar.pathFor(params))));
  }

  @Test
  void anUnreadableCheckpointIsRefusedWithItsPath() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "skipped: this test runs as root, and root reads a file whatever its permissions, so no unreadable checkpoint can be made here");
    Path params = save(3, null);
    Files.setPosixFilePermissions(params, PosixFilePermissions.fromString("-w-------"));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> restoredStep(params));
    assertEquals("[CheckpointUnreadable] paramsFile: " + params + " is not readable by this process (access denied); give the user who resumes"
        + " read access to it, or resume as the user who saved it; refusing to resume from it", e.getMessage());
    Files.setPosixFilePermissions(params, PosixFilePermissions.fromString("rw-------"));
    Path sidecar = Sidecar.pathFor(params);
    Files.setPosixFilePermissions(sidecar, PosixFilePermissions.fromString("-w-------"));
    e = assertThrows(InvalidScheduleException.class, () -> restoredStep(params));
    assertEquals("[CheckpointUnreadable] sidecar: " + sidecar + " is not readable by this process (access denied); give the user who resumes"
        + " read access to it, or resume as the user who saved it; refusing to resume from it", e.getMessage());
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("-wx------"));
    try {
      e = assertThrows(InvalidScheduleException.class, () -> Checkpoints.latest(dir, "tiny"));
      assertEquals("[CheckpointUnreadable] directory: " + dir + " is not readable by this process (access denied); give the user who resumes"
          + " read access to it, or resume as the user who saved it; refusing to resume from it", e.getMessage());
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void noCheckpointAtAllIsRefusedAsBefore() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Checkpoints.latest(dir, "tiny"));
    assertEquals("[CheckpointUnreadable] paramsFile: " + dir.resolve("tiny-NNNN.params") + " is missing (no checkpoint of tiny in " + dir
        + "); refusing to resume from it", e.getMessage());
  }
}
