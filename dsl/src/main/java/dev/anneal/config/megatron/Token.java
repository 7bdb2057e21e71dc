package dev.anneal.config.megatron;

import java.util.Objects;

/**
 * One word of a launch script or one argument of an argument list, with where it came from.
 *
 * @param text the word, quotes removed
 * @param where {@code line 7} in a file, {@code argument 3} in a list (both counted from 1)
 */
record Token(String text, String where) {
  Token {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(where, "where");
  }
}
