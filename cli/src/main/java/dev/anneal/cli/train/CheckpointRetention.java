package dev.anneal.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many checkpoints {@code anneal train --checkpoint-dir} keeps ({@code --keep-checkpoints N}):
 * after each save, the complete checkpoints older than the {@code N} newest are deleted, so a long
 * run does not fill the disk. The default keeps every one.
 *
 * <p>A checkpoint is complete when its {@code train-NNNN.params} file has its {@code .anneal}
 * sidecar beside it (the runtime's save puts the sidecar in place last), and the newest is the one
 * of the highest number, as {@code Checkpoints.latest} ranks them. Each deleted checkpoint loses its
 * sidecar first, then its {@code .params} file, then its log {@code train-NNNN.csv}: a process
 * killed in between leaves a {@code .params} file without a sidecar, which {@code
 * Checkpoints.latest} skips, never a sidecar whose parameters are gone that it could pick. The next
 * deletion finishes such a leftover (a {@code train-NNNN.params} without sidecar, or a lone {@code
 * train-NNNN.csv}, whose log shows that anneal train wrote it, older than every checkpoint kept).
 *
 * <p>The checkpoint just saved is always kept, even when the folder holds newer ones of an earlier,
 * longer run. The one a {@code --resume} started from is deleted only once a newer one is
 * complete: deletions follow a save, and a resumed run saves only after updates the checkpoint it
 * resumed from did not hold. Files of other names are never touched.
 *
 * <p>Not thread-safe: one run owns it, and counts the checkpoints it deleted.
 */
public final class CheckpointRetention {
  /** The name of a checkpoint's parameters, with its number: {@code train-NNNN.params}. */
  private static final Pattern PARAMS = Pattern.compile(Pattern.quote(Checkpointing.NAME) + "-(\\d{4,18})\\.params");

  /** The name of a checkpoint's log, with its number: {@code train-NNNN.csv}. */
  private static final Pattern LOG = Pattern.compile(Pattern.quote(Checkpointing.NAME) + "-(\\d{4,18})\\.csv");

  /** The suffix the runtime's sidecar adds to its {@code .params} file's name. */
  static final String SIDECAR_SUFFIX = ".anneal";

  private final int keep;
  private int deleted;

  private CheckpointRetention(int keep) {
    this.keep = keep;
  }

  /** Keeps every checkpoint: the default. */
  public static CheckpointRetention all() {
    return new CheckpointRetention(Integer.MAX_VALUE);
  }

  /**
   * Keeps the {@code count} newest complete checkpoints.
   *
   * @throws IllegalArgumentException if {@code count} is below 1 (the command refuses it first)
   */
  public static CheckpointRetention newest(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("keeps at least 1 checkpoint, not " + count);
    }
    return new CheckpointRetention(count);
  }

  /** Whether every checkpoint is kept. */
  public boolean keepsAll() {
    return keep == Integer.MAX_VALUE;
  }

  /** How many complete checkpoints are kept ({@link Integer#MAX_VALUE} for every one). */
  public int keep() {
    return keep;
  }

  /** How many checkpoints this run has deleted so far. */
  public int deleted() {
    return deleted;
  }

  /**
   * Deletes the complete checkpoints older than the newest {@link #keep()} in {@code directory},
   * except {@code saved}, in the order the class describes, and what an earlier deletion killed
   * midway left of older ones.
   *
   * @param saved the {@code .params} file of the checkpoint just saved, complete
   * @throws IOException if a file cannot be listed or deleted; the checkpoints kept stay whole
   */
  void afterSave(Path directory, Path saved) throws IOException {
    if (keepsAll()) {
      return;
    }
    List<Path> complete = new ArrayList<>();
    List<Path> leftovers = new ArrayList<>();
    for (Path file : list(directory)) {
      String name = file.getFileName().toString();
      if (PARAMS.matcher(name).matches()) {
        (Files.exists(sidecarOf(file)) ? complete : leftovers).add(file);
      } else if (LOG.matcher(name).matches() && Files.notExists(paramsOf(file))) {
        leftovers.add(file);
      }
    }
    complete.sort(Comparator.comparingLong(CheckpointRetention::number));
    List<Path> kept = new ArrayList<>(complete.subList(Math.max(0, complete.size() - keep), complete.size()));
    Path savedHere = directory.resolve(saved.getFileName());
    if (!kept.contains(savedHere)) {
      kept.add(savedHere);
    }
    for (Path old : complete) {
      if (!kept.contains(old)) {
        Files.deleteIfExists(sidecarOf(old)); // first: from here on no one resumes from it
        Files.deleteIfExists(old);
        Files.deleteIfExists(TrainingRun.logOf(old));
        deleted++;
      }
    }
    long oldestKept = kept.stream().mapToLong(CheckpointRetention::number).min().orElseThrow();
    for (Path leftover : leftovers) {
      Path log = leftover.getFileName().toString().endsWith(".csv") ? leftover : TrainingRun.logOf(leftover);
      // Its log marks it as anneal train's; a .params file of another tool has none and stays.
      if (number(leftover) < oldestKept && Files.exists(log)) {
        Files.deleteIfExists(paramsOf(log));
        Files.deleteIfExists(log);
      }
    }
  }

  private static Path sidecarOf(Path paramsFile) {
    return paramsFile.resolveSibling(paramsFile.getFileName() + SIDECAR_SUFFIX);
  }

  private static Path paramsOf(Path logFile) {
    String name = logFile.getFileName().toString();
    return logFile.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".params");
  }

  /** The number in a checkpoint file's name: the updates applied before it. */
  private static long number(Path file) {
    String name = file.getFileName().toString();
    Matcher matcher = name.endsWith(".csv") ? LOG.matcher(name) : PARAMS.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a checkpoint file of anneal train: " + file);
    }
    return Long.parseLong(matcher.group(1));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
