package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;

/** A kind of config file Anneal reads (its own JSON, PyTorch, transformers, DeepSpeed, Megatron). */
public interface ConfigFormat {
  /** The name used on the command line, e.g. {@code pytorch}. */
  String name();

  /**
   * Reads a whole config.
   *
   * @param text the file's content
   * @throws InvalidScheduleException listing every error, each with its path in the input (a JSON
   *     path such as {@code scheduler.kwargs.step_size}, or a flag such as {@code --lr})
   */
  Imported read(String text);

  /**
   * Writes {@code plan} as a config of this format that reproduces every channel it can express
   * exactly (the {@code convert} command re-reads the text and compares the curves).
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what this format lacks, e.g.
   *     "Megatron has no cyclic schedule"
   */
  String write(Plan plan);
}
