package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.function.DoubleSupplier;

/**
 * A plan written as a config of another format and proven to mean the same: the target format
 * writes it, reads its own text back, and every channel of the two plans is compared step by step
 * within max(1e-12 absolute, 1e-9 relative), the bound Anneal promises against upstream.
 *
 * <p><b>Horizon.</b> Unless a number of steps is given, the comparison covers steps {@code 0 …
 * end + max(100, end / 10) - 1}, where {@code end} is the later declared end of the two schedules,
 * so what happens after the end (hold, continue, fail) is compared too; a schedule that runs
 * forever on both sides is compared over {@link #OPEN_HORIZON} steps, at the steps {@link
 * StepCoverage} chooses (the same as {@code anneal diff}): every step where the two differ in
 * formula, up to {@link #EXHAUSTIVE_LIMIT} of them; beyond, every phase boundary and its
 * neighbours and evenly spaced steps in every piece between boundaries.
 *
 * <p><b>Reactive channels.</b> A channel with a plateau phase is compared twice: with no metric
 * reported, and with a metric that stalls (the same value after every update, so the plateau
 * reduces after each patience), which exercises its factor, patience, cooldown and floor.
 *
 * @param format the target format's name
 * @param text the config in the target format
 * @param plan the plan the target format reads back from {@code text}
 */
public record Conversion(String format, String text, Plan plan) {
  /** The steps compared for channels that run forever on both sides. */
  public static final long OPEN_HORIZON = 100_000;

  /** Up to this many steps every step is compared; beyond, a sample ({@link StepCoverage#BUDGET}). */
  public static final long EXHAUSTIVE_LIMIT = StepCoverage.BUDGET;

  static final double ABSOLUTE = 1e-12;
  static final double RELATIVE = 1e-9;
  private static final long PAST_END_MIN = 100;
  private static final double STALLED_METRIC = 1.0;

  public Conversion {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(plan, "plan");
  }

  /**
   * Converts {@code source} to {@code target} and proves the result equal.
   *
   * @param steps the number of steps to compare from step 0, instead of the horizon above
   * @throws InvalidScheduleException ({@code Unsupported}) naming what the target lacks, or ({@code
   *     ConversionDiffers}, {@code ConversionDiffersWhenStalled}, {@code ConversionLosesChannel},
   *     {@code ConversionAddsChannel}) at the channel and first step where the target's config does
   *     something else
   */
  public static Conversion of(Plan source, ConfigFormat target, OptionalLong steps) {
    String text = target.write(source);
    Plan written;
    try {
      written = target.read(text).plan();
    } catch (InvalidScheduleException e) {
      throw new InvalidScheduleException(
          ConfigCode.writerOutputRejected(target.name(), e.violations().get(0).toString()));
    }
    InvalidScheduleException.throwIfErrors(compare(target.name(), source, written, steps));
    return new Conversion(target.name(), text, written);
  }

  /** Every difference between the source plan and the plan read back, one per channel at most. */
  static List<Violation> compare(String format, Plan source, Plan written, OptionalLong steps) {
    List<Violation> found = new ArrayList<>();
    for (Map.Entry<String, Schedule> channel : source.channels().entrySet()) {
      Optional<Schedule> other = written.findChannel(channel.getKey());
      if (other.isEmpty()) {
        found.add(ConfigCode.conversionLosesChannel(channel.getKey(), format));
      } else {
        Violation difference = firstDifference(format, channel.getKey(), channel.getValue(), other.get(), steps);
        if (difference != null) {
          found.add(difference);
        }
      }
    }
    for (String channel : written.channels().keySet()) {
      if (source.findChannel(channel).isEmpty()) {
        found.add(ConfigCode.conversionAddsChannel(channel, format));
      }
    }
    return found;
  }

  /** The number of steps compared by default (see the class comment). */
  public static long horizon(Schedule source, Schedule written) {
    long end = Math.max(source.declaredEnd().orElse(-1), written.declaredEnd().orElse(-1));
    if (end < 0) {
      return OPEN_HORIZON;
    }
    long past = Math.max(PAST_END_MIN, end / 10);
    return end > Long.MAX_VALUE - past ? Long.MAX_VALUE : end + past;
  }

  private static Violation firstDifference(String format, String channel, Schedule source, Schedule written, OptionalLong steps) {
    long horizon = steps.orElse(horizon(source, written));
    Violation plain = firstSampledDifference(format, channel, source, written, horizon);
    if (plain != null || !(source.isReactive() || written.isReactive())) {
      return plain;
    }
    // Reactive state evolves step by step, so only the exhaustive prefix can be replayed.
    long replayed = Math.min(horizon, EXHAUSTIVE_LIMIT);
    SteppedValues expected = SteppedValues.of(source, replayed, i -> STALLED_METRIC);
    SteppedValues actual = SteppedValues.of(written, replayed, i -> STALLED_METRIC);
    for (long step = 0; step < replayed; step++) {
      Double want = valueOrFailure(expected::nextDouble);
      Double got = valueOrFailure(actual::nextDouble);
      if (!same(want, got)) {
        return ConfigCode.conversionDiffersWhenStalled(channel, format, step, show(got), show(want));
      }
    }
    return null;
  }

  private static Violation firstSampledDifference(String format, String channel, Schedule source, Schedule written, long horizon) {
    PrimitiveIterator.OfLong steps = StepCoverage.of(source, written, horizon).steps();
    while (steps.hasNext()) {
      long step = steps.nextLong();
      Double want = valueOrFailure(() -> source.valueAt(step));
      Double got = valueOrFailure(() -> written.valueAt(step));
      if (!same(want, got)) {
        return ConfigCode.conversionDiffers(channel, format, step, show(got), show(want));
      }
    }
    return null;
  }

  /** The value, or {@code null} where the schedule refuses the step (after-end FAIL). */
  private static Double valueOrFailure(DoubleSupplier value) {
    try {
      return value.getAsDouble();
    } catch (InvalidScheduleException e) {
      if (e.violations().stream().allMatch(v -> v.code() == RuleCode.STEP_BEYOND_END)) {
        return null;
      }
      throw e;
    }
  }

  private static boolean same(Double expected, Double actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return false;
    }
    return Math.abs(expected - actual) <= Math.max(ABSOLUTE, RELATIVE * Math.abs(expected));
  }

  private static String show(Double value) {
    return value == null ? "a StepBeyondEnd error" : Values.show(value.doubleValue());
  }
}
