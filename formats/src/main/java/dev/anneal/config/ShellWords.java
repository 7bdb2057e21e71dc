package dev.anneal.config;

import dev.anneal.config.megatron.LaunchScriptWords;
import java.util.List;

/**
 * The words of a command line or launch script as bash splits them: {@code \} continuations,
 * comments, quotes, arrays (the rules of the {@code megatron} format's launch-script reader, shared
 * here for every format that reads command lines). Where bash would end a command before flags
 * meant for it, or fail, a problem names the line.
 */
public final class ShellWords {
  /**
   * One word.
   *
   * @param text the word, quotes removed
   * @param where {@code line 7} (counted from 1)
   * @param command which command of the script it belongs to (0 for a file of flags only)
   */
  public record Word(String text, String where, int command) {}

  private ShellWords() {}

  /** The words of {@code text}; what bash would read otherwise than meant is added to {@code problems}. */
  public static List<Word> of(String text, Problems problems) {
    return LaunchScriptWords.of(text, problems);
  }
}
