package dev.anneal.cli.train;

import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.runtime.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run of {@code anneal train} saves its checkpoints and what it resumes from: the runtime's
 * {@code Checkpoints}, as a library user calls them, under the name {@link #NAME}. A checkpoint is
 * saved at the end of every epoch and at the end of the run, numbered by the updates applied before
 * it ({@code train-0045.params} after 45 updates), so the newest is the one with the highest number.
 *
 * @param directory where checkpoints go, or {@code null} to save none
 * @param resumeFrom the {@code .params} file to resume from, or {@code null} to start afresh
 * @param policy what a resume does when this run's plan differs from the checkpoint's
 * @param retention which checkpoints stay in {@code directory} after each save
 */
public record Checkpointing(Path directory, Path resumeFrom, ResumePolicy policy, CheckpointRetention retention) {
  /** The name of every checkpoint file ({@code train-NNNN.params}). */
  public static final String NAME = "train";

  /** The files a checkpoint's parameters are in, as the user sees them named. */
  public static final String PATTERN = NAME + "-NNNN.params";

  public Checkpointing {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(retention, "retention");
  }

  /** A run that saves nothing and starts afresh. */
  public static Checkpointing none() {
    return new Checkpointing(null, null, ResumePolicy.FAIL_ON_DIFFERENCE, CheckpointRetention.all());
  }

  /**
   * The newest complete checkpoint in {@code directory}, as {@link Checkpoints#latest} finds it:
   * a {@code .params} file without its sidecar (a save of an earlier version killed between the
   * two) is skipped, and a save killed after its commit is resumed from its committed pair; empty
   * when there is none or no such folder.
   */
  public static Optional<Path> newestComplete(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Checkpoints.latest(directory, NAME));
    } catch (InvalidScheduleException none) {
      return Optional.empty();
    }
  }
}
