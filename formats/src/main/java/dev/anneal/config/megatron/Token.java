package dev.anneal.config.megatron;

import java.util.Objects;

/**
 * One word of a launch script or one argument of an argument list, with where it came from.
 *
 * @param text the word, quotes removed
 * @param where {@code line 7} in a file, {@code argument 3} in a list (both counted from 1)
 * @param command which command of the script the word belongs to (0 for a list of flags): a flag
 *     never takes its value from another command
 */
record Token(String text, String where, int command) {
  Token {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(where, "where");
  }

  /** A word of a list of flags (command 0). */
  Token(String text, String where) {
    this(text, where, 0);
  }
}
