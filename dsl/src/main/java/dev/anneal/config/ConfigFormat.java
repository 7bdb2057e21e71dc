package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;

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
}
