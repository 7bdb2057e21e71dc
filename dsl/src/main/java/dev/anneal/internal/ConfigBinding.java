package dev.anneal.internal;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.RuleSet;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Runs the model's rules over a schedule declared by annotations, and words the violations in the
 * declaration's terms. The annotation processor calls it at compile time on fixed schedules, and
 * the classes it generates for parameterized schedules call it at run time on a config's values:
 * both run the very rules {@link dev.anneal.builder.Schedules} runs, collected once in {@link
 * RuleSet}.
 *
 * <p>Support code for generated classes, not API: see the package's documentation.
 */
public final class ConfigBinding {
  private ConfigBinding() {}

  /**
   * Every violation of a schedule of {@code shapes} lasting {@code lengths} steps each, on
   * channel {@code channel}: each phase's errors (paths {@code phases[i].field}); if there are
   * none, the sequence's rules and the channel's bounds and warnings (path {@code ""} for the
   * whole schedule, {@code channel} for a bad channel name).
   *
   * <p>A length is as declared: empty for a phase declared to last forever ({@code "forever"}),
   * else its number of steps. A declared length of {@code Long.MAX_VALUE} is that many steps, not
   * forever (the model spells forever so): it is refused as {@code LengthOverflow}, since no
   * schedule may last more than {@code Long.MAX_VALUE - 1} steps.
   */
  public static List<Violation> check(List<Shape> shapes, List<OptionalLong> lengths, AfterEnd afterEnd, String channel) {
    return RuleSet.channel(channel, "channel", shapes, lengths, afterEnd,
        path -> RuleCode.lengthOverflow(path, Phase.OPEN, Phase.OPEN - 1));
  }

  /**
   * The first step after a phase of {@code steps} that starts at {@code start}, for a generated
   * class's phase boundaries: never a wrapped, negative step. A sum past {@code Long.MAX_VALUE}
   * gives {@code Long.MAX_VALUE}; {@link #check} refuses such a schedule ({@code LengthOverflow}
   * at the phase that overflows), so no schedule with a saturated boundary is ever evaluated.
   *
   * @param start the phase's first step, at least 0
   * @param steps its length; one below 1 is refused by the rules as well
   */
  public static long boundary(long start, long steps) {
    return steps > 0 && start > Long.MAX_VALUE - steps ? Long.MAX_VALUE : start + steps;
  }

  /**
   * The updates of a phase {@code amount} {@code unit}s long that starts after {@code start}
   * updates, for a generated class whose lengths are in epochs, samples or tokens: {@link
   * RunGeometry#updates(Length, long, String)} on the exact {@link Length}.
   *
   * @param path the phase's {@code steps}, e.g. {@code phases[1].steps}: where every violation is reported
   * @throws InvalidScheduleException ({@code NotPositive}) for an amount below 1, and as {@link
   *     RunGeometry#updates(Length, long, String)}
   */
  public static long updates(RunGeometry geometry, long amount, Unit unit, long start, String path) {
    try {
      return geometry.updates(new Length(BigDecimal.valueOf(amount), unit), start, path);
    } catch (InvalidScheduleException e) {
      throw at(path, e);
    }
  }

  /** As {@link #updates(RunGeometry, long, Unit, long, String)}, for an amount given as a double ({@code 2.5} epochs). */
  public static long updates(RunGeometry geometry, double amount, Unit unit, long start, String path) {
    try {
      return geometry.updates(Length.of(amount, unit), start, path);
    } catch (InvalidScheduleException e) {
      throw at(path, e);
    }
  }

  /** The violations of {@code e}, moved to {@code path} (a {@link Length} reports on {@code steps}). */
  private static InvalidScheduleException at(String path, InvalidScheduleException e) {
    return new InvalidScheduleException(e.violations().stream().map(v -> v.relocated(path, null, null)).toList());
  }

  /**
   * The model's sequence of {@code shapes} lasting {@code lengths} steps each: the interpreted
   * schedule a generated class delegates to for {@code explain}, {@code phases}, {@code range}
   * and {@code warnings}.
   *
   * @throws dev.anneal.rules.InvalidScheduleException with every violation, as {@link Sequence}'s constructor
   */
  public static Sequence sequence(List<Shape> shapes, List<Long> lengths, AfterEnd afterEnd) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      phases.add(new Phase(shapes.get(i), lengths.get(i)));
    }
    return new Sequence(phases, afterEnd);
  }

  /**
   * Adds a {@code ConditionNotMet} violation unless {@code holds}: a condition that the values of a
   * config must meet for an expression of the declaration to make sense.
   *
   * @param path where the expression is, e.g. {@code phases[1].steps}
   * @param expression the expression as written, e.g. {@code total - warmup}
   * @param condition the condition in the config's terms, e.g. {@code total > warmup}
   * @param namesAndValues the config fields the expression uses, name then value
   */
  public static void require(
      List<Violation> out, boolean holds, String path, String expression, String condition, Object... namesAndValues) {
    if (!holds) {
      out.add(RuleCode.conditionNotMet(path, namesAndValues.length == 2 ? namesAndValues[1] : null,
          path + " = " + expression, condition, bindings(namesAndValues)));
    }
  }

  /**
   * A violation of the model (path {@code phases[i].field}) moved to the declaration: to {@code
   * attribute}'s path with the field renamed, and, unless the expression is the name of one
   * config field, with the values that gave it.
   *
   * @param path the attribute's path, e.g. {@code phases[1].to}
   * @param field the model's field, e.g. {@code peak} of an inverse-sqrt phase
   * @param attribute the annotation's attribute, e.g. {@code from}
   * @param expression the attribute's expression
   * @param namesAndValues the config fields the expression uses, name then value
   */
  public static Violation rebind(
      Violation violation, String path, String field, String attribute, String expression, Object... namesAndValues) {
    Violation moved = violation.relocated(path, field, attribute);
    if (namesAndValues.length == 0) {
      return moved;
    }
    if (namesAndValues.length == 2 && namesAndValues[0].equals(expression)) {
      return violation.relocated((String) namesAndValues[0], field, (String) namesAndValues[0]);
    }
    return new Violation(
        moved.code(), moved.path(), moved.message() + " (" + attribute + " = " + expression + " with " + bindings(namesAndValues) + ")", moved.value());
  }

  private static String bindings(Object... namesAndValues) {
    StringJoiner joined = new StringJoiner(" and ");
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      joined.add(namesAndValues[i] + " = " + Values.show(namesAndValues[i + 1]));
    }
    return joined.toString();
  }
}
