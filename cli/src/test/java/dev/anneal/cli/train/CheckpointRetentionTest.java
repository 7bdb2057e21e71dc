package dev.anneal.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.runtime.Checkpoints;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order {@link CheckpointRetention} deletes a checkpoint's files in, seen where a deletion
 * stops midway: the files here stand for checkpoints by their names alone (the runtime finds
 * complete ones by name), and a {@code .params} "file" that is a folder with a file in it cannot
 * be deleted, as a kill between two deletions would leave it.
 */
class CheckpointRetentionTest {
  @TempDir Path dir;

  private Path checkpoint(int updates) throws IOException {
    String name = String.format(java.util.Locale.ROOT, "train-%04d", updates);
    Files.writeString(dir.resolve(name + ".csv"), "log");
    Files.writeString(dir.resolve(name + ".params.anneal"), "sidecar");
    return Files.writeString(dir.resolve(name + ".params"), "parameters");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aDeletionStoppedAfterTheSidecarLeavesACheckpointTheRuntimeSkipsAndTheNextDeletionFinishesIt() throws IOException {
    Path oldest = dir.resolve("train-0045.params");
    Files.createDirectory(oldest);
    Path blocker = Files.writeString(oldest.resolve("blocker"), "makes the .params undeletable");
    Files.writeString(dir.resolve("train-0045.csv"), "log");
    Files.writeString(dir.resolve("train-0045.params.anneal"), "sidecar");
    checkpoint(90);
    Path saved = checkpoint(100);
    CheckpointRetention retention = CheckpointRetention.newest(2);

    assertThrows(DirectoryNotEmptyException.class, () -> retention.afterSave(dir, saved));

    // The sidecar went first: the runtime sees an incomplete checkpoint, never one to resume from.
    assertEquals(List.of("train-0045.csv", "train-0045.params", "train-0090.csv", "train-0090.params", "train-0090.params.anneal",
        "train-0100.csv", "train-0100.params", "train-0100.params.anneal"), files());
    assertEquals(saved, Checkpoints.latest(dir, Checkpointing.NAME));
    assertEquals(List.of(oldest), Checkpoints.incomplete(dir, Checkpointing.NAME));

    Files.delete(blocker);
    retention.afterSave(dir, saved);

    assertEquals(List.of("train-0090.csv", "train-0090.params", "train-0090.params.anneal", "train-0100.csv", "train-0100.params",
        "train-0100.params.anneal"), files());
  }

  @Test
  void keepingEveryCheckpointDeletesNothingAndACountBelowOneIsRefused() throws IOException {
    checkpoint(45);
    Path saved = checkpoint(90);
    CheckpointRetention all = CheckpointRetention.all();

    all.afterSave(dir, saved);

    assertEquals(6, files().size());
    assertEquals(0, all.deleted());
    assertTrue(all.keepsAll());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CheckpointRetention.newest(0));
    assertEquals("keeps at least 1 checkpoint, not 0", refused.getMessage());
  }
}
