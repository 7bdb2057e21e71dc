package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train --checkpoint-dir D --keep-checkpoints N} through the command's entry point,
 * on the built-in digits: 45 updates per epoch, so a run saves after updates 45, 90, 135, ... and
 * at its end. After each save only the N newest complete checkpoints stay, each as its triple
 * ({@code .params}, sidecar, log), and a resume from the folder still continues exactly.
 */
class TrainKeepCheckpointsCommandTest {
  @TempDir Path dir;

  /** The files of a folder, without the runtime's private ones (its lock and dot-files). */
  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".") && !name.endsWith(".lock")).sorted().toList();
    }
  }

  /** The three files of each checkpoint saved after {@code updates}, sorted as {@link #files} sorts them. */
  private static List<String> triples(int... updates) {
    return IntStream.of(updates)
        .mapToObj(n -> String.format(Locale.ROOT, "train-%04d", n))
        .flatMap(name -> Stream.of(name + ".csv", name + ".params", name + ".params.anneal"))
        .toList();
  }

  @Test
  void onlyTheNewestStayAndAResumeFromThemContinuesAsTheRunThatNeverStopped() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");

    Anneal.Result whole = Anneal.run("train", "--steps", "200", "--out", dir.resolve("straight").toString());
    // Saves after 45, 90 and at the end, 100: the first is deleted once the third is complete.
    Anneal.Result first = Anneal.run("train", "--steps", "100", "--checkpoint-dir", checkpoints.toString(), "--keep-checkpoints", "2",
        "--out", dir.resolve("first").toString());
    List<String> afterFirst = files(checkpoints);
    // Goes on from the newest, 100; saves after 135, 180 and 200, keeping the last two.
    Anneal.Result resumed = Anneal.run("train", "--steps", "200", "--checkpoint-dir", checkpoints.toString(), "--resume",
        "--keep-checkpoints", "2", "--out", dir.resolve("resumed").toString());

    for (Anneal.Result result : List.of(whole, first, resumed)) {
      assertEquals(0, result.exitCode(), result.err().toString());
    }
    assertEquals(triples(90, 100), afterFirst);
    assertEquals(triples(180, 200), files(checkpoints));
    assertEquals("saved checkpoints in " + checkpoints + ", the newest train-0100.params (go on with --resume --checkpoint-dir " + checkpoints
        + "); deleted 1 older checkpoint (--keep-checkpoints 2)", first.out().get(first.out().size() - 1));
    assertEquals("resumed from " + checkpoints.resolve("train-0100.params") + " after 100 updates", resumed.out().get(5));
    // The resumed run deleted the one it went on from (100) and 90, once 135 and 180 were complete.
    assertEquals("saved checkpoints in " + checkpoints + ", the newest train-0200.params (go on with --resume --checkpoint-dir " + checkpoints
        + "); deleted 3 older checkpoints (--keep-checkpoints 2)", resumed.out().get(resumed.out().size() - 1));
    List<String> expected = Files.readAllLines(dir.resolve("straight").resolve("train.csv"));
    assertEquals(201, expected.size());
    assertEquals(expected, Files.readAllLines(dir.resolve("resumed").resolve("train.csv")));
    // Each kept checkpoint's log holds the updates before it.
    assertEquals(expected.subList(0, 181), Files.readAllLines(checkpoints.resolve("train-0180.csv")));
  }

  @Test
  void theCheckpointJustSavedStaysEvenWhenTheFolderHoldsNewerOnes() throws IOException {
    Path checkpoints = dir.resolve("checkpoints");
    Anneal.run("train", "--steps", "100", "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("long").toString());

    // From 45 to 60: the folder's newest is still 100, of the longer run; 60, just saved, stays beside it.
    Anneal.Result shorter = Anneal.run("train", "--steps", "60", "--resume", checkpoints.resolve("train-0045.params").toString(),
        "--checkpoint-dir", checkpoints.toString(), "--keep-checkpoints", "1", "--out", dir.resolve("short").toString());

    assertEquals(0, shorter.exitCode(), shorter.err().toString());
    assertEquals(triples(60, 100), files(checkpoints));
    assertEquals("saved checkpoints in " + checkpoints + ", the newest train-0100.params (go on with --resume --checkpoint-dir " + checkpoints
        + "); deleted 2 older checkpoints (--keep-checkpoints 1)", shorter.out().get(shorter.out().size() - 1));
  }

  /**
   * A deletion killed midway leaves a checkpoint without its sidecar (a {@code .params} file and
   * its log) or a lone log: the next deletion finishes them. A {@code .params} file without a log
   * (another tool's, as DJL's {@code SaveModelTrainingListener} names them) and files of other
   * names are not the run's, and stay.
   */
  @Test
  void leftoversOfAnInterruptedDeletionGoAndOtherFilesStay() throws IOException {
    Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
    Files.writeString(checkpoints.resolve("train-0001.params"), "a checkpoint whose sidecar was deleted");
    Files.writeString(checkpoints.resolve("train-0001.csv"), "its log");
    Files.writeString(checkpoints.resolve("train-0002.csv"), "the log of a checkpoint whose .params file was deleted");
    Files.writeString(checkpoints.resolve("train-0003.params"), "parameters another tool saved");
    Files.writeString(checkpoints.resolve("notes.txt"), "the user's");

    Anneal.Result result = Anneal.run("train", "--steps", "50", "--checkpoint-dir", checkpoints.toString(), "--keep-checkpoints", "1",
        "--out", dir.resolve("run").toString());

    assertEquals(0, result.exitCode(), result.err().toString());
    assertEquals(Stream.concat(Stream.of("notes.txt", "train-0003.params"), triples(50).stream()).sorted().toList(), files(checkpoints));
  }

  @Test
  void badCountsAndACountWithoutAFolderAreRefusedWithTheOtherBadOptions() {
    Anneal.Result zero = Anneal.run("train", "--keep-checkpoints", "0", "--checkpoint-dir", dir.resolve("c").toString(), "--steps", "0");
    Anneal.Result negativeWithoutFolder = Anneal.run("train", "--keep-checkpoints", "-2");
    Anneal.Result withoutFolder = Anneal.run("train", "--keep-checkpoints", "3", "--steps", "10");
    Anneal.Result notANumber = Anneal.run("train", "--keep-checkpoints", "two", "--checkpoint-dir", dir.resolve("c").toString());

    String belowOne = "must be at least 1: it keeps the N newest checkpoints, and the newest is the one a --resume goes on from; give 1 or more, "
        + "or leave it out to keep every checkpoint";
    String noFolder = "says how many checkpoints of --checkpoint-dir to keep, but no --checkpoint-dir is given, so none are saved; add "
        + "--checkpoint-dir DIR, or leave out --keep-checkpoints";
    assertEquals(List.of("[OutOfRange] --steps: --steps (0) must lie in [1, 10000000]",
        "[KeepCheckpointsBelowOne] --keep-checkpoints: --keep-checkpoints (0) " + belowOne), zero.err());
    assertEquals(List.of("[KeepCheckpointsBelowOne] --keep-checkpoints: --keep-checkpoints (-2) " + belowOne,
        "[KeepCheckpointsWithoutCheckpointDir] --keep-checkpoints: --keep-checkpoints -2 " + noFolder), negativeWithoutFolder.err());
    assertEquals(List.of("[KeepCheckpointsWithoutCheckpointDir] --keep-checkpoints: --keep-checkpoints 3 " + noFolder), withoutFolder.err());
    assertEquals(List.of("anneal train: Invalid value for option '--keep-checkpoints': 'two' is not an int. See 'anneal train --help'."),
        notANumber.err());
    for (Anneal.Result result : List.of(zero, negativeWithoutFolder, withoutFolder, notANumber)) {
      assertEquals(List.of(), result.out());
      assertEquals(2, result.exitCode());
    }
  }
}
