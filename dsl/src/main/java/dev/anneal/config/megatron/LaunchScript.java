package dev.anneal.config.megatron;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a launch script (or a plain file of flags) into words the way a reader of the script
 * sees them: {@code \} at the end of a line continues it, {@code #} starts a comment, quotes are
 * removed, and {@code ( ) ; | & < >} separate words, so bash arrays ({@code ARGS=( --lr 3e-4 )})
 * and command lines alike give their flags. Quoted strings are split into words too, so flags
 * collected in a variable ({@code ARGS+=" --lr 3e-4"}) are found. A {@code $(…)} substitution
 * stays one word, so that the reader can say it cannot expand it. Each word remembers its line.
 */
final class LaunchScript {
  private static final String SEPARATORS = "();|&<>";

  private LaunchScript() {}

  /** The words of {@code text}, each with {@code line N}. */
  static List<Token> words(String text) {
    List<Token> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int line = 1;
    int wordLine = 1;
    boolean single = false;
    boolean dbl = false;
    int substitution = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean quoted = single || dbl;
      if (c == '\n') {
        line++;
        if (substitution == 0) {
          flush(out, word, wordLine);
          continue;
        }
      }
      if (substitution > 0) {
        word.append(c);
        if (c == '(') {
          substitution++;
        } else if (c == ')') {
          substitution--;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        flush(out, word, wordLine);
      } else if (c == '\\' && !single) {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          line++;
          i++;
        } else if (text.startsWith("\r\n", i + 1)) {
          // A continuation in a file saved with Windows line ends.
          line++;
          i += 2;
        } else if (i + 1 < text.length()) {
          wordLine = startWord(word, wordLine, line);
          word.append(text.charAt(++i));
        }
      } else if (c == '\'' && !dbl) {
        wordLine = startWord(word, wordLine, line);
        single = !single;
      } else if (c == '"' && !single) {
        wordLine = startWord(word, wordLine, line);
        dbl = !dbl;
      } else if (c == '#' && !quoted && word.length() == 0) {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '(' && word.length() > 0 && word.charAt(word.length() - 1) == '$') {
        word.append(c);
        substitution = 1;
      } else if (SEPARATORS.indexOf(c) >= 0 && !quoted) {
        flush(out, word, wordLine);
      } else {
        wordLine = startWord(word, wordLine, line);
        word.append(c);
      }
    }
    flush(out, word, wordLine);
    return out;
  }

  /** The arguments of a list, one word each, with {@code argument N}. */
  static List<Token> arguments(List<String> arguments) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      out.add(new Token(arguments.get(i), "argument " + (i + 1)));
    }
    return out;
  }

  private static int startWord(StringBuilder word, int wordLine, int line) {
    return word.length() == 0 ? line : wordLine;
  }

  private static void flush(List<Token> out, StringBuilder word, int wordLine) {
    if (word.length() > 0) {
      out.add(new Token(word.toString(), "line " + wordLine));
      word.setLength(0);
    }
  }
}
