package dev.anneal.cli;

import dev.anneal.checkpoint.Replan;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --replan N:E} and {@code --decay-now N:D}, shared by {@code explain} and {@code plot}: the
 * config's plan re-planned as {@link Replan} does, to be shown beside the plan itself.
 */
final class ReplanOption {
  @Option(names = "--replan", paramLabel = "N:E",
      description = "Also show the plan re-planned at step N (updates applied, e.g. a checkpoint's) to end at update E, as "
          + "anneal train --resume --resume-policy REFIT_TO_NEW_END resumes it: the same value at N, the rest of its phases fitted to end at E.")
  private String replan;

  @Option(names = "--decay-now", paramLabel = "N:D",
      description = "Also show a warm-up-stable-decay plan's cool-down branched at step N of its stable phase: its decay phase over D updates "
          + "from the value at N, ending at N + D.")
  private String decayNow;

  /**
   * The re-planned plan.
   *
   * @param plan the plan
   * @param at the step it was re-planned at
   * @param flag the option that asked for it, with its value, e.g. {@code --replan 8:32}
   */
  record Replanned(Plan plan, long at, String flag) {}

  /** Whether a re-plan is asked for. */
  boolean given() {
    return replan != null || decayNow != null;
  }

  /** The flag given, e.g. {@code --replan}; null when none. */
  String flag() {
    return replan != null ? "--replan" : decayNow != null ? "--decay-now" : null;
  }

  /**
   * Refuses both options at once or a value not of the form {@code N:E}, before the config is read:
   * a typo in a flag is reported alone, not after the config's notes.
   *
   * @throws CommandFailure (bad input)
   */
  void checkForm() {
    if (replan != null && decayNow != null) {
      throw CommandFailure.badInput(null, List.of(CliCode.replanGivenTwice(replan, decayNow)));
    }
    if (given()) {
      pair();
    }
  }

  /**
   * {@code plan} re-planned as asked, or empty when no option asks.
   *
   * @throws CommandFailure (bad input) for a value not of the form {@code N:E}, both options at once,
   *     or a plan that cannot be re-planned there (each problem under the flag and channel)
   */
  Optional<Replanned> of(Plan plan, Path file) {
    checkForm();
    if (!given()) {
      return Optional.empty();
    }
    String flag = flag();
    String value = replan != null ? replan : decayNow;
    long[] pair = pair();
    try {
      Plan replanned = replan != null ? Replan.refit(plan, pair[0], pair[1]) : Replan.decayNow(plan, pair[0], pair[1]);
      return Optional.of(new Replanned(replanned, pair[0], flag + " " + value));
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations().stream().map(v -> relocated(v, flag)).toList());
    }
  }

  /** A re-plan's problem under the flag: {@code channels.lr.phases[1]} becomes {@code --replan lr.phases[1]}. */
  private static Violation relocated(Violation violation, String flag) {
    String path = violation.path();
    String where = path.startsWith("channels.") ? flag + " " + path.substring("channels.".length()) : flag;
    return violation.relocated(where, null, null);
  }

  /** The two numbers of the option given. */
  private long[] pair() {
    return replan != null ? pair("--replan", replan, "N:E", "800:3000") : pair("--decay-now", decayNow, "N:D", "800:200");
  }

  private static long[] pair(String flag, String value, String form, String example) {
    String[] parts = value.split(":", -1);
    if (parts.length == 2) {
      try {
        return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
      } catch (NumberFormatException notWhole) {
        // reported below with the form expected
      }
    }
    throw CommandFailure.badInput(null, List.of(CliCode.badReplanOption(flag, form, value, example)));
  }
}
