package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed after whole epochs draws the shuffles of those epochs again before it gathers the
 * current one ({@code EpochBatches.skip}), so it trains on the batches of the run that never stopped:
 * the same losses, bit for bit. On the built-in digits (45 updates per epoch) a first run of 100
 * updates saves at 45, 90 and 100; resuming from 100 skips two epochs' orders and ten batches,
 * resuming from 90 two epochs' orders and nothing else.
 */
class TrainResumeShufflesCommandTest {
  @TempDir Path dir;

  @Test
  void aRunResumedAfterWholeEpochsWritesTheLogOfTheRunThatNeverStopped() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.Result whole = Anneal.run("train", "--steps", "120", "--out", dir.resolve("straight").toString());
    Anneal.Result first = Anneal.run("train", "--steps", "100", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("first").toString());
    Anneal.Result midEpoch = Anneal.run("train", "--steps", "120", "--resume", checkpoints.resolve("train-0100.params").toString(),
        "--out", dir.resolve("from-100").toString());
    Anneal.Result epochEnd = Anneal.run("train", "--steps", "120", "--resume", checkpoints.resolve("train-0090.params").toString(),
        "--out", dir.resolve("from-90").toString());

    assertEquals(0, whole.exitCode(), whole.err().toString());
    assertEquals(0, first.exitCode(), first.err().toString());
    assertEquals(0, midEpoch.exitCode(), midEpoch.err().toString());
    assertEquals(0, epochEnd.exitCode(), epochEnd.err().toString());
    assertTrue(midEpoch.out().stream().anyMatch(line -> line.startsWith("trained 20 updates (epochs 3 to 3) in ")), midEpoch.out().toString());
    assertTrue(epochEnd.out().stream().anyMatch(line -> line.startsWith("trained 30 updates (epochs 3 to 3) in ")), epochEnd.out().toString());
    List<String> expected = Files.readAllLines(dir.resolve("straight").resolve("train.csv"));
    assertEquals(121, expected.size());
    assertEquals(expected, Files.readAllLines(dir.resolve("from-100").resolve("train.csv")));
    assertEquals(expected, Files.readAllLines(dir.resolve("from-90").resolve("train.csv")));
  }
}
