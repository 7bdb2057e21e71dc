package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a launch script (or a plain file of flags) into the words Megatron is given, with bash's
 * rules: {@code \} at the end of a line continues the command, a newline (or {@code ; & |}) ends
 * it, {@code #} at the start of a word comments out the rest of the line — continuation and all —
 * quotes are removed, and bash arrays ({@code ARGS=( --lr 3e-4 )}) span lines. A quoted string is
 * one word, except where bash splits it later: the value of a variable, so that flags collected in
 * it ({@code ARGS+=" --lr 3e-4"}) are found, and the script of {@code bash -c} or {@code eval}. A
 * {@code $(…)} substitution stays one word, so that the reader can say it cannot expand it. Each
 * word remembers its line. Variables the script sets are expanded where they are used ({@link
 * ShellVariables}): {@code --train-iters $TRAIN_ITERS} reads as the number the script gives.
 *
 * <p>Where bash reads a script otherwise than its author meant, the words Megatron would not see
 * are left out and an error names the line: a command that starts with a flag (bash would run
 * {@code --lr} as a program) because the command before it was ended by a comment, by a space after
 * its {@code \}, or by a line without {@code \}; and a quote or {@code (} that is never closed. A
 * file with no command at all, only flags, is read as a list of flags.
 */
final class LaunchScript {
  /** {@code NAME=} or {@code NAME+=} at the start of a word: a variable is set. */
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\+?=");

  private LaunchScript() {}

  /** How a command ended, for the message about a command that follows it. */
  private enum End { START, NEWLINE, COMMENT, ESCAPED_SPACE, SEPARATOR, PATTERN }

  /**
   * One command of the script.
   *
   * @param words its words
   * @param after how the command before it ended
   * @param endLine the line where the command before it ended
   * @param separator the separator that ended it, for {@link End#SEPARATOR}
   * @param end how this command ended
   * @param lastLine the line where this command ended
   */
  private record Command(List<Token> words, End after, int endLine, char separator, End end, int lastLine) {
    Token first() {
      return words.get(0);
    }

    /** Whether it is the pattern of a {@code case} branch ({@code --checkpoint-path)}, {@code -h|--help)}), not a command. */
    boolean pattern() {
      return end == End.PATTERN;
    }
  }

  /**
   * The words Megatron is given, and those kept as written because their shell expansion is not
   * known (with why, for the message about a flag given that way).
   */
  record Words(List<Token> words, Map<Token, String> unexpanded) {}

  /** The words of {@code text} that Megatron is given, each with {@code line N}; what bash reads otherwise is reported. */
  static List<Token> words(String text, Problems problems) {
    return read(text, problems).words();
  }

  /**
   * The words of {@code text} that Megatron is given, each with {@code line N}, with the script's
   * own variables expanded ({@link ShellVariables}); what bash reads otherwise is reported.
   */
  static Words read(String text, Problems problems) {
    Parser parser = new Parser(text);
    parser.run();
    List<Command> commands = parser.commands;
    boolean script = commands.stream().anyMatch(c -> !startsAsArgument(c));
    ShellVariables variables = new ShellVariables();
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Command command = commands.get(i);
      if (command.pattern()) {
        // The words of a case pattern are compared, not passed to any program.
        int index = i;
        variables.pattern(command.words().stream().map(w -> new Token(w.text(), w.where(), index)).toList());
      } else if (script && startsAsArgument(command)) {
        problems.add(split(command));
      } else {
        int index = script ? i : 0;
        out.addAll(variables.command(command.words().stream().map(w -> new Token(w.text(), w.where(), index)).toList()));
        boolean orphanFollows = script && i + 1 < commands.size() && startsAsArgument(commands.get(i + 1));
        if (command.end() == End.ESCAPED_SPACE && !orphanFollows && command.words().stream().anyMatch(w -> w.text().startsWith("--"))) {
          problems.add(MegatronCode.megatronStraySpace(command.lastLine()));
        }
      }
    }
    problems.addAll(parser.strays);
    if (parser.unclosed != null) {
      problems.add(parser.unclosed);
    }
    return new Words(out, variables.unexpanded());
  }

  /** The words of {@code text}, problems left out (for tests of the splitting itself). */
  static List<Token> words(String text) {
    return words(text, new Problems());
  }

  /** The arguments of a list, one word each, with {@code argument N}. */
  static List<Token> arguments(List<String> arguments) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      out.add(new Token(arguments.get(i), "argument " + (i + 1)));
    }
    return out;
  }

  /** Whether the command starts with a flag or a number: an argument cut off from its command, not a program bash can run. */
  private static boolean startsAsArgument(Command command) {
    String first = command.first().text();
    return Lookalikes.startsWithDash(first) || PythonNumbers.isFiniteFloat(first);
  }

  private static Violation split(Command command) {
    Token first = command.first();
    int line = line(first);
    String cause;
    String fix;
    switch (command.after()) {
      case START -> {
        cause = "line " + line + " starts with an argument, not a command";
        fix = "put it after the command that takes it";
      }
      case COMMENT -> {
        cause = "the comment on line " + command.endLine() + " ends the command (a `\\` inside a comment continues nothing)";
        fix = "move the comment out of the command";
      }
      case ESCAPED_SPACE -> {
        cause = "line " + command.endLine() + " ends with `\\` and a space, so the `\\` escapes the space instead of continuing the line";
        fix = "delete the space after the `\\`";
      }
      case SEPARATOR -> {
        cause = "the `" + command.separator() + "` on line " + command.endLine() + " ends the command";
        fix = "remove the `" + command.separator() + "`";
      }
      case PATTERN -> {
        cause = "the case pattern on line " + command.endLine() + " ends with `)`, and a command follows it";
        fix = "put it after the command that takes it";
      }
      default -> {
        cause = "line " + command.endLine() + " does not end with `\\`";
        fix = "end line " + command.endLine() + " with `\\`";
      }
    }
    String flags = command.words().stream().map(Token::text).filter(Lookalikes::startsWithDash).distinct().collect(Collectors.joining(", "));
    if (flags.isEmpty()) {
      flags = first.text();
    }
    return MegatronCode.megatronCommandSplit(Flags.path(first.text(), first), cause, line, first.text(), flags, fix);
  }

  private static int line(Token token) {
    return Integer.parseInt(token.where().substring("line ".length()));
  }

  /** One pass over the text; the state of a small part of bash's tokenizer. */
  private static final class Parser {
    private final String text;
    private final List<Command> commands = new ArrayList<>();
    private Violation unclosed;
    private final List<Violation> strays = new ArrayList<>();

    private List<Token> current = new ArrayList<>();
    private End after = End.START;
    private int endLine = 0;
    private char separator = ' ';
    private final StringBuilder word = new StringBuilder();
    private int line = 1;
    private int wordLine = 1;
    private boolean single;
    private boolean dbl;
    private int quoteLine;
    private int substitution;
    private int parens;
    private int parenLine;
    private boolean commentOnLine;
    private boolean escapedSpace;
    private String delimiter;
    private boolean stripTabs;

    Parser(String text) {
      this.text = text;
    }

    void run() {
      for (int i = 0; i < text.length(); i++) {
        i = step(i);
      }
      int start = !current.isEmpty() ? line(current.get(0)) : word.length() > 0 ? wordLine : quoteLine;
      if (single || dbl) {
        String quote = single ? "'" : "\"";
        unclosed = MegatronCode.megatronUnclosed("line " + quoteLine, "quote `" + quote + "`", quoteLine, Math.min(start, quoteLine), "close the quote");
        return;
      }
      if (parens > 0 || substitution > 0) {
        unclosed = MegatronCode.megatronUnclosed("line " + parenLine, "`(`", parenLine, Math.min(start, parenLine), "close it with `)`");
        return;
      }
      flush();
      endCommand(escapedSpace ? End.ESCAPED_SPACE : End.NEWLINE, line, ' ');
    }

    /** Reads the character at {@code i}; returns the index of the last character it used. */
    private int step(int i) {
      char c = text.charAt(i);
      boolean quoted = single || dbl;
      if (c == '\n') {
        line++;
        if (substitution > 0) {
          word.append(c);
          return i;
        }
        if (quoted) {
          // A quoted string goes on over the line.
          word.append(c);
          return i;
        }
        flush();
        if (delimiter != null) {
          i = hereDocumentBody(i + 1);
        }
        if (parens == 0) {
          endCommand(commentOnLine ? End.COMMENT : escapedSpace ? End.ESCAPED_SPACE : End.NEWLINE, line - 1, ' ');
        } else if (escapedSpace) {
          // In an array the line goes on, but the escaped space is an element of its own.
          strays.add(MegatronCode.megatronStraySpace(line - 1));
        }
        commentOnLine = false;
        escapedSpace = false;
        return i;
      }
      if (substitution > 0) {
        word.append(c);
        if (c == '(') {
          substitution++;
        } else if (c == ')') {
          substitution--;
        }
        return i;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        if (quoted) {
          word.append(c);
        } else {
          flush();
        }
        return i;
      }
      escapedSpace = false;
      if (c == '\\' && !single) {
        if (text.startsWith("\n", i + 1) || text.startsWith("\r\n", i + 1)) {
          // A continuation (also in a file saved with Windows line ends): the line goes on.
          line++;
          return text.charAt(i + 1) == '\n' ? i + 1 : i + 2;
        }
        if (i + 1 < text.length()) {
          char next = text.charAt(i + 1);
          startWord();
          word.append(next);
          escapedSpace = !quoted && (next == ' ' || next == '\t');
          return i + 1;
        }
        return i;
      }
      if (c == '\'' && !dbl) {
        startWord();
        quote(!single, dbl);
      } else if (c == '"' && !single) {
        startWord();
        quote(single, !dbl);
      } else if (c == '#' && !quoted && word.length() == 0) {
        commentOnLine = true;
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '(' && word.length() > 0 && word.charAt(word.length() - 1) == '$') {
        word.append(c);
        substitution = 1;
        parenLine = line;
      } else if (!quoted && (c == '(' || c == ')')) {
        flush();
        if (c == '(') {
          if (parens++ == 0) {
            parenLine = line;
          }
        } else if (parens > 0) {
          parens--;
        } else {
          // A `)` that closes nothing ends the pattern of a case branch: `--checkpoint-path)`.
          endCommand(End.PATTERN, line, c);
        }
      } else if (!quoted && c == '&' && (redirection(i - 1) || text.startsWith(">", i + 1))) {
        // 2>&1, >&2, &>file: a redirection, which does not end the command.
        flush();
      } else if (!quoted && c == '|' && parens == 0 && patternAlternative(i + 1)) {
        // `-h|--help)`: alternatives of a case pattern, not a pipe.
        flush();
      } else if (!quoted && (c == ';' || c == '&' || c == '|')) {
        flush();
        if (parens == 0) {
          endCommand(End.SEPARATOR, line, c);
        }
      } else if (!quoted && c == '<' && text.startsWith("<", i + 1) && !text.startsWith("<<", i + 1) && !redirection(i - 1)) {
        // << starts a here-document; <<< is a here-string, which does not.
        flush();
        return hereDocument(i + 2);
      } else if (!quoted && (c == '<' || c == '>')) {
        flush();
      } else {
        startWord();
        word.append(c);
      }
      return i;
    }

    /**
     * Whether the {@code |} before {@code from} separates alternatives of a case pattern: the rest
     * of the line reaches a {@code )} with no separator, quote or parenthesis on the way.
     */
    private boolean patternAlternative(int from) {
      if (from < text.length() && text.charAt(from) == '|') {
        return false;
      }
      for (int j = from; j < text.length(); j++) {
        char d = text.charAt(j);
        if (d == ')') {
          return true;
        }
        if (d == '\n' || ";&(<>$`\"'\\".indexOf(d) >= 0) {
          return false;
        }
      }
      return false;
    }

    private boolean redirection(int at) {
      return at >= 0 && (text.charAt(at) == '>' || text.charAt(at) == '<');
    }

    /**
     * Reads the delimiter of a here-document ({@code <<EOF}, {@code <<-'EOF'}) that starts at
     * {@code from}; its body follows the end of the line. Returns the index of the delimiter's
     * last character.
     */
    private int hereDocument(int from) {
      int j = from;
      stripTabs = j < text.length() && text.charAt(j) == '-';
      if (stripTabs) {
        j++;
      }
      while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
        j++;
      }
      StringBuilder name = new StringBuilder();
      while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && ";|&<>()".indexOf(text.charAt(j)) < 0) {
        char d = text.charAt(j++);
        if (d != '\'' && d != '"' && d != '\\') {
          name.append(d);
        }
      }
      delimiter = name.toString();
      return j - 1;
    }

    /**
     * Reads the body of a here-document from {@code from}, the start of its first line, to its
     * delimiter line: its words belong to the command that reads it (flags written to a file are
     * found, as before), and its lines never start a command. Returns the index of the newline
     * that ends the delimiter line (or the last character).
     */
    private int hereDocumentBody(int from) {
      int start = from;
      while (start < text.length()) {
        int end = text.indexOf('\n', start);
        int stop = end < 0 ? text.length() : end;
        String body = text.substring(start, stop).replace("\r", "");
        if ((stripTabs ? body.replaceFirst("^\t+", "") : body).equals(delimiter)) {
          delimiter = null;
          line++;
          return end < 0 ? text.length() - 1 : end;
        }
        for (String part : body.strip().split("\\s+")) {
          if (!part.isEmpty()) {
            current.add(new Token(part, "line " + line));
          }
        }
        line++;
        start = stop + 1;
      }
      delimiter = null;
      return text.length() - 1;
    }

    private void quote(boolean newSingle, boolean newDbl) {
      if ((newSingle && !single) || (newDbl && !dbl)) {
        quoteLine = line;
      }
      single = newSingle;
      dbl = newDbl;
    }

    private void startWord() {
      if (word.length() == 0) {
        wordLine = line;
      }
    }

    /**
     * Ends the word. A quoted string that holds flags ({@code ARGS+=" --lr 3e-4"}) is split into
     * its words, as the unquoted expansion of the variable later splits it; any other quoted
     * string ({@code --step-batch-size-schedule "0:128 1K:512"}) is one argument.
     */
    private void flush() {
      if (word.length() == 0) {
        return;
      }
      String text = word.toString();
      word.setLength(0);
      String[] parts = text.strip().split("\\s+");
      if (parts.length < 2 || Arrays.stream(parts).noneMatch(Lookalikes::startsWithDash) || !splitLater(text)) {
        current.add(new Token(text, "line " + wordLine));
        return;
      }
      int from = 0;
      for (String part : parts) {
        int at = text.indexOf(part, from);
        int partLine = wordLine + (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count();
        current.add(new Token(part, "line " + partLine));
        from = at + part.length();
      }
    }

    /**
     * Whether bash splits the quoted string {@code text} into words later: when it is the value of
     * a variable ({@code ARGS+=" --lr 3e-4"}, expanded unquoted where it is used) or an element of
     * an array, or a script run by {@code eval} or {@code bash -c}. Anywhere else the quotes make it
     * one argument.
     */
    private boolean splitLater(String text) {
      if (ASSIGNMENT.matcher(text).lookingAt()) {
        return true;
      }
      if (parens > 0 && !current.isEmpty() && ASSIGNMENT.matcher(current.get(0).text()).lookingAt()) {
        // An element of an array (DTYPE_ARGS+=( "--fp8-format hybrid" )): launch scripts expand
        // arrays unquoted (${DTYPE_ARGS[@]}), which splits it, as Megatron-LM's own examples do.
        return true;
      }
      return !current.isEmpty() && (current.get(0).text().equals("eval") || current.get(current.size() - 1).text().equals("-c"));
    }

    private void endCommand(End how, int at, char by) {
      if (!current.isEmpty()) {
        commands.add(new Command(List.copyOf(current), after, endLine, separator, how, at));
        current = new ArrayList<>();
        // An empty command (a blank or comment line between commands) keeps the reason of the last real one.
        after = how;
        endLine = at;
        separator = by;
      }
    }
  }
}
