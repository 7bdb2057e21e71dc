package dev.anneal.config.megatron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell variables of a launch script, followed command by command as bash runs them, so that
 * {@code TRAIN_ITERS=500000} then {@code --train-iters $TRAIN_ITERS} reads as {@code --train-iters
 * 500000}. A variable is known when the script sets it to a literal, or to an expression of known
 * variables: {@code ${NAME}}, {@code ${NAME:-default}} (the default when the script does not set
 * NAME, as bash runs it without such an environment variable), {@code $(( … ))} ({@link
 * ShellArithmetic}). Where the script sets it only in some branches ({@link ShellBranches}) the
 * branch is taken as bash takes it when its condition compares known values, and the variable is
 * unknown otherwise.
 *
 * <p>A word is replaced by its expansion only when that is a single value (no space in it, and not
 * a flag): a variable that holds flags ({@code ARGS="--lr 3e-4"}) is read where it is set, as
 * before. A word that cannot be expanded is kept as written, with the reason, which the error about
 * a scheduler flag given that way quotes: the environment, the script's command-line arguments, a
 * command's output, or a branch Anneal does not decide.
 */
final class ShellVariables {
  /** {@code NAME=value} or {@code NAME+=value}; the value may be empty. */
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\+?)=(.*)", Pattern.DOTALL);

  /** The inside of {@code ${…}} that is expanded: a name or a position, and a default. */
  private static final Pattern BRACED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:(:?[-=])(.*))?", Pattern.DOTALL);

  /** Builtins that set variables: {@code export NAME=…}, {@code declare -i NAME=…}. */
  private static final Set<String> DECLARATIONS = Set.of("export", "declare", "local", "readonly", "typeset");

  /** A number as argparse reads one: a value that starts with {@code -} but is not a flag. */
  private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+([eE][-+]?[0-9]+)?");

  /**
   * What the script has set a variable to.
   *
   * @param value the value, or {@code null} when it is not known
   * @param why why it is not known, in words that follow "NAME is " in a message
   */
  private record Binding(String value, String why) {}

  /** The result of expanding a word: its text, or why it cannot be known. */
  private record Expansion(String value, String why) {
    static Expansion unknown(String why) {
      return new Expansion(null, why);
    }

    boolean known() {
      return value != null;
    }
  }

  private final Map<String, Binding> bindings = new HashMap<>();

  /** For a variable set in a branch Anneal cannot decide, every value it may hold, as messages show them. */
  private final Map<String, Set<String>> alternatives = new HashMap<>();
  private final Map<Token, String> unexpanded = new LinkedHashMap<>();
  private final ShellBranches branches = new ShellBranches(this::expandOrNull);

  /**
   * The words Megatron sees for one command of the script (in the order bash runs them), each
   * expanded where it can be; records the variables the command sets.
   */
  List<Token> command(List<Token> words) {
    List<Token> out = new ArrayList<>(words.size());
    for (Token word : words) {
      out.add(expandWord(word));
    }
    List<String> texts = out.stream().map(Token::text).toList();
    ShellBranches.Activity activity = branches.command(texts);
    List<Token> body = out.subList(branches.keywords(texts), out.size());
    if (activity != ShellBranches.Activity.SKIPPED) {
      assign(body, activity == ShellBranches.Activity.MAYBE);
    }
    return out;
  }

  /**
   * The pattern of a {@code case} branch ({@code "800M")}, {@code -h|--help)}: one word per
   * alternative), which decides whether the commands after it run. A {@code case … in} written on
   * the same line comes first.
   */
  void pattern(List<Token> words) {
    List<String> texts = words.stream().map(w -> expandWord(w).text()).toList();
    int in = texts.indexOf("in");
    if (!texts.isEmpty() && texts.get(0).equals("case") && in > 0) {
      branches.command(texts.subList(0, in + 1));
      texts = texts.subList(in + 1, texts.size());
    }
    branches.pattern(texts);
  }

  /** The words kept as written because they could not be expanded, each with why. */
  Map<Token, String> unexpanded() {
    return Map.copyOf(unexpanded);
  }

  private Token expandWord(Token word) {
    if (word.text().indexOf('$') < 0 && word.text().indexOf('`') < 0 || ASSIGNMENT.matcher(word.text()).matches()) {
      return word;
    }
    // --flag=$VALUE: the value is expanded, the flag kept.
    int equals = word.text().startsWith("--") ? word.text().indexOf('=') : -1;
    String flag = word.text().substring(0, equals + 1);
    Expansion expansion = expand(word.text().substring(equals + 1));
    if (expansion.known() && single(expansion.value())) {
      return new Token(flag + expansion.value(), word.where(), word.command());
    }
    unexpanded.put(word, expansion.known() ? "a value with spaces or flags, read where the script sets it" : expansion.why());
    return word;
  }

  /** Whether an expansion is one value of a flag: no space, and not a flag itself (a negative number is a value). */
  private static boolean single(String value) {
    return !value.isEmpty() && value.chars().noneMatch(Character::isWhitespace) && (!value.startsWith("-") || NUMBER.matcher(value).matches());
  }

  /**
   * Records {@code NAME=value} words. A command of assignments only sets them for the script; an
   * assignment before a command ({@code CUDA_VISIBLE_DEVICES=0 python …}) only for that command.
   */
  private void assign(List<Token> words, boolean maybe) {
    int first = 0;
    if (!words.isEmpty() && DECLARATIONS.contains(words.get(0).text())) {
      first = 1;
      while (first < words.size() && words.get(first).text().startsWith("-")) {
        first++;
      }
    }
    List<Matcher> assignments = new ArrayList<>();
    int i = first;
    for (; i < words.size(); i++) {
      Matcher m = ASSIGNMENT.matcher(words.get(i).text());
      if (!m.matches()) {
        break;
      }
      assignments.add(m);
    }
    if (assignments.isEmpty()) {
      return;
    }
    if (i < words.size()) {
      Matcher array = assignments.get(0);
      if (assignments.size() == 1 && array.group(3).isEmpty()) {
        // NAME=( … ) or NAME+=( … ): an array, whose flags are read where it is set.
        set(array.group(1), new Binding(null, "an array, whose flags are read where the script sets it"), maybe);
      }
      return;
    }
    for (int a = 0; a < assignments.size(); a++) {
      Matcher m = assignments.get(a);
      String line = words.get(first + a).where();
      Expansion value = expand(m.group(3));
      Binding binding;
      if (!value.known()) {
        binding = new Binding(null, "set on " + line + " to `" + m.group(3) + "`: " + value.why().replaceFirst("^and ", ""));
      } else if (m.group(2).isEmpty()) {
        binding = new Binding(value.value(), null);
      } else {
        Binding before = bindings.get(m.group(1));
        binding = before == null ? new Binding(value.value(), null)
            : before.value() == null ? before : new Binding(before.value() + value.value(), null);
      }
      set(m.group(1), binding, maybe);
    }
  }

  private void set(String name, Binding binding, boolean maybe) {
    Binding before = bindings.get(name);
    if (!maybe) {
      alternatives.remove(name);
    } else if (!(before != null && binding.value() != null && binding.value().equals(before.value()))) {
      // Either value may hold after the branch: the variable is not known, and the message names both.
      Set<String> values = alternatives.computeIfAbsent(name, n -> new LinkedHashSet<>(List.of(shown(before))));
      values.add(shown(binding));
      binding = new Binding(null, String.join(" or ", values) + ", depending on a condition Anneal cannot decide");
    }
    bindings.put(name, binding);
  }

  /** A value as a message names it among the alternatives of a branch. */
  private static String shown(Binding binding) {
    return binding == null ? "unset" : binding.value() == null ? "a value Anneal cannot know" : "`" + binding.value() + "`";
  }

  private String expandOrNull(String text) {
    Expansion expansion = expand(text);
    return expansion.value();
  }

  /** Expands every {@code $…} and backquote of {@code text}, or says why it cannot. */
  private Expansion expand(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '`') {
        return Expansion.unknown("the output of a command, which Anneal does not run");
      }
      if (c != '$' || i + 1 >= text.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (text.startsWith("$((", i)) {
        int end = text.indexOf("))", i + 3);
        if (end < 0) {
          return Expansion.unknown("a shell expression Anneal does not expand");
        }
        Long value = ShellArithmetic.evaluate(text.substring(i + 3, end), this::expandVariableOrNull);
        if (value == null) {
          return Expansion.unknown("arithmetic on values Anneal does not know (`" + text.substring(i, end + 2) + "`)");
        }
        out.append(value);
        i = end + 2;
      } else if (next == '(') {
        return Expansion.unknown("the output of a command, which Anneal does not run");
      } else if (next == '{') {
        int end = closingBrace(text, i + 2);
        if (end < 0) {
          return Expansion.unknown("a shell expression Anneal does not expand");
        }
        Expansion inner = braced(text.substring(i + 2, end));
        if (!inner.known()) {
          return inner;
        }
        out.append(inner.value());
        i = end + 1;
      } else if (Character.isLetter(next) || next == '_') {
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        Expansion value = variable(text.substring(i + 1, end));
        if (!value.known()) {
          return value;
        }
        out.append(value.value());
        i = end;
      } else if (Character.isDigit(next)) {
        return positional(String.valueOf(next));
      } else if ("@*#?$!-".indexOf(next) >= 0) {
        return Expansion.unknown("a special parameter of the shell (`$" + next + "`), which Anneal does not know");
      } else {
        out.append(c);
        i++;
      }
    }
    return new Expansion(out.toString(), null);
  }

  /** {@code NAME}, {@code NAME:-default}, {@code NAME-default}, {@code NAME:=default}: the text between the braces. */
  private Expansion braced(String inside) {
    Matcher m = BRACED.matcher(inside);
    if (!m.matches()) {
      return Expansion.unknown("a shell expression Anneal does not expand (`${" + inside + "}`)");
    }
    String name = m.group(1);
    boolean positional = Character.isDigit(name.charAt(0));
    if (m.group(2) == null) {
      return positional ? positional(name) : variable(name);
    }
    Binding binding = positional ? null : bindings.get(name);
    if (binding == null) {
      // Not set by the script: bash uses the default unless the environment (or the command line) sets it.
      Expansion fallback = expand(m.group(3));
      if (fallback.known() && m.group(2).endsWith("=") && !positional) {
        bindings.put(name, new Binding(fallback.value(), null));
      }
      return fallback;
    }
    if (binding.value() == null) {
      return Expansion.unknown("and " + name + " is " + binding.why());
    }
    return binding.value().isEmpty() && m.group(2).startsWith(":") ? expand(m.group(3)) : new Expansion(binding.value(), null);
  }

  private Expansion variable(String name) {
    Binding binding = bindings.get(name);
    if (binding == null) {
      return Expansion.unknown("and this script does not set " + name + ", so bash takes it from the environment");
    }
    return binding.value() != null ? new Expansion(binding.value(), null) : Expansion.unknown("and " + name + " is " + binding.why());
  }

  private String expandVariableOrNull(String name) {
    return variable(name).value();
  }

  private static Expansion positional(String number) {
    return Expansion.unknown("the script's command-line argument " + number + ", which Anneal does not know");
  }

  /** The index of the {@code }} that closes the brace opened before {@code from}, or -1. */
  private static int closingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
