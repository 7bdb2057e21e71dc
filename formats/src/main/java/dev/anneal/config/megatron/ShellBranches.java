package dev.anneal.config.megatron;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which commands of a launch script bash runs, as far as {@link ShellVariables} needs it to know
 * what a variable holds: {@code if}/{@code elif}/{@code else} whose condition compares known values
 * ({@code [[ "$DTYPE" == "fp8" ]]}, {@code [ -z "$X" ]}, {@code [[ $DEBUG -eq 1 ]]}), and {@code
 * case} on a known value (the
 * mamba example picks its batch size that way). A branch whose condition Anneal cannot decide, and
 * the body of a loop (which may run any number of times), may or may not run.
 *
 * <p>The script arrives already split into commands, one at a time, and the patterns of a {@code
 * case} ({@code "800M")}, {@code -h|--help)}) apart from them.
 */
final class ShellBranches {
  /** Whether bash runs a command. */
  enum Activity {
    /** Always (as far as the branches go). */
    RUNS,
    /** In a branch that is not taken. */
    SKIPPED,
    /** In a branch, or a loop, that may or may not run. */
    MAYBE
  }

  /** Words that start a command and belong to the branch, not to the command after them. */
  private static final Set<String> LEADING = Set.of("then", "else", "do");

  /** The numeric tests, each on the sign of the comparison of its operands. */
  private static final Map<String, IntPredicate> NUMERIC = Map.of(
      "-eq", o -> o == 0, "-ne", o -> o != 0, "-lt", o -> o < 0, "-le", o -> o <= 0, "-gt", o -> o > 0, "-ge", o -> o >= 0);

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  /** Whether each earlier branch of an if or a case was taken. */
  private enum Earlier { NONE, TAKEN, UNKNOWN }

  /** One if, case or loop the command is in. */
  private static final class Frame {
    final boolean isCase;
    final String subject;
    Earlier earlier = Earlier.NONE;
    Boolean active;
    boolean awaitingThen;
    Boolean condition;

    Frame(boolean isCase, String subject, Boolean active) {
      this.isCase = isCase;
      this.subject = subject;
      this.active = active;
    }

    /** Enters the next branch, whose own condition is {@code condition} ({@code null}: not known). */
    void branch(Boolean condition) {
      if (earlier == Earlier.TAKEN || Boolean.FALSE.equals(condition)) {
        active = false;
      } else if (earlier == Earlier.UNKNOWN || condition == null) {
        active = null;
        earlier = Earlier.UNKNOWN;
      } else {
        active = true;
        earlier = Earlier.TAKEN;
      }
    }
  }

  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Function<String, String> expand;

  /** {@code expand} gives a word's expansion, or {@code null} when it is not known. */
  ShellBranches(Function<String, String> expand) {
    this.expand = expand;
  }

  /** How many words at the start of {@code words} are branch keywords ({@code then}, {@code else}, {@code do}). */
  int keywords(List<String> words) {
    int n = 0;
    while (n < words.size() && LEADING.contains(words.get(n))) {
      n++;
    }
    return n;
  }

  /** Follows the command of {@code words} (expanded); says whether its assignments happen. */
  Activity command(List<String> words) {
    if (words.isEmpty()) {
      return activity();
    }
    String first = words.get(0);
    Frame top = frames.peek();
    if (top != null && top.awaitingThen && !first.equals("then")) {
      // `if A || B; then`: a second command before `then` (|| and && end a command here).
      top.condition = null;
    }
    switch (first) {
      case "if" -> {
        Frame frame = new Frame(false, null, false);
        frame.awaitingThen = true;
        frame.condition = condition(words.subList(1, words.size()));
        frames.push(frame);
        return Activity.SKIPPED;
      }
      case "elif" -> {
        if (top != null && !top.isCase) {
          top.active = false;
          top.awaitingThen = true;
          top.condition = condition(words.subList(1, words.size()));
        }
        return Activity.SKIPPED;
      }
      case "then" -> {
        if (top != null && top.awaitingThen) {
          top.awaitingThen = false;
          top.branch(top.condition);
        }
        return activity();
      }
      case "else" -> {
        if (top != null && !top.isCase) {
          top.branch(true);
        }
        return activity();
      }
      case "fi", "esac", "done" -> {
        if (!frames.isEmpty()) {
          frames.pop();
        }
        return activity();
      }
      case "case" -> {
        String subject = words.size() > 1 ? expand.apply(words.get(1)) : null;
        frames.push(new Frame(true, subject, false));
        return Activity.SKIPPED;
      }
      case "for", "while", "until", "select" -> {
        frames.push(new Frame(false, null, null));
        return activity();
      }
      default -> {
        return activity();
      }
    }
  }

  /** The pattern of the next branch of the innermost case: its alternatives ({@code a|b)} gives a and b). */
  void pattern(List<String> alternatives) {
    Frame frame = frames.peek();
    if (frame == null || !frame.isCase) {
      return;
    }
    Boolean matches = null;
    if (frame.subject != null) {
      matches = alternatives.stream().anyMatch(a -> glob(a).matcher(frame.subject).matches());
    }
    frame.branch(matches);
  }

  private Activity activity() {
    boolean maybe = false;
    for (Frame frame : frames) {
      if (Boolean.FALSE.equals(frame.active)) {
        return Activity.SKIPPED;
      }
      maybe |= frame.active == null;
    }
    return maybe ? Activity.MAYBE : Activity.RUNS;
  }

  /**
   * The value of a test: {@code [[ A == B ]]}, {@code [ A = B ]}, {@code !=}, {@code -eq} and the
   * other integer comparisons, {@code -z A}, {@code -n A}, each optionally negated with {@code !};
   * {@code null} for anything else.
   */
  private Boolean condition(List<String> words) {
    if (words.size() < 3) {
      return null;
    }
    String open = words.get(0);
    String close = words.get(words.size() - 1);
    if (!(open.equals("[[") && close.equals("]]")) && !(open.equals("[") && close.equals("]"))) {
      return null;
    }
    List<String> test = words.subList(1, words.size() - 1);
    boolean negate = !test.isEmpty() && test.get(0).equals("!");
    if (negate) {
      test = test.subList(1, test.size());
    }
    Boolean value = null;
    if (test.size() == 3 && Set.of("==", "=", "!=").contains(test.get(1))) {
      String left = expand.apply(test.get(0));
      String right = expand.apply(test.get(2));
      if (left != null && right != null) {
        boolean equal = open.equals("[[") ? glob(right).matcher(left).matches() : left.equals(right);
        value = test.get(1).equals("!=") != equal;
      }
    } else if (test.size() == 3 && NUMERIC.containsKey(test.get(1))) {
      String left = expand.apply(test.get(0));
      String right = expand.apply(test.get(2));
      if (left != null && right != null && INTEGER.matcher(left).matches() && INTEGER.matcher(right).matches()) {
        int order = Long.compare(Long.parseLong(left), Long.parseLong(right));
        value = NUMERIC.get(test.get(1)).test(order);
      }
    } else if (test.size() == 2 && (test.get(0).equals("-z") || test.get(0).equals("-n"))) {
      String operand = expand.apply(test.get(1));
      if (operand != null) {
        value = operand.isEmpty() == test.get(0).equals("-z");
      }
    }
    return value == null ? null : value != negate;
  }

  /** A shell pattern ({@code *}, {@code ?}) as a regular expression; quotes are already removed. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
