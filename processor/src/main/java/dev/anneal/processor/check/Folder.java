package dev.anneal.processor.check;

import dev.anneal.geometry.Unit;
import dev.anneal.internal.ConfigBinding;
import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.curve.Component;
import dev.anneal.processor.expression.Evaluator;
import dev.anneal.processor.read.ChannelDraft;
import dev.anneal.processor.read.Site;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the values of a fixed channel, builds the model's shapes from them and runs the model's
 * rules, reporting each violation on the attribute value it came from. Also warns about a phase
 * that is told to start somewhere else than where the previous one ended.
 */
final class Folder {
  private static final Pattern PHASE_PATH = Pattern.compile("phases\\[(\\d+)](?:\\.([A-Za-z0-9]+)(\\[(\\d+)])?)?");
  private static final Evaluator CONSTANTS = new Evaluator(Map.of());
  /** The channel bounds of {@code PlanRules.channel}, reported with the offending value and no path. */
  private static final Set<DiagnosticCode> BOUNDS =
      Set.of(RuleCode.NEGATIVE_LEARNING_RATE, RuleCode.MOMENTUM_OUT_OF_RANGE, RuleCode.NEGATIVE_WEIGHT_DECAY);

  private final ChannelDraft channel;
  private final List<CheckedPhase> phases;
  /** Filled by {@link #fold}: each phase's shape, length and folded arguments, to place a channel-bound violation. */
  private final List<Shape> shapes = new ArrayList<>();
  private final List<Long> lengths = new ArrayList<>();
  private final List<Map<String, Object>> folded = new ArrayList<>();
  private final UnitLengths units;

  Folder(ChannelDraft channel, List<CheckedPhase> phases, UnitLengths units) {
    this.channel = channel;
    this.phases = phases;
    this.units = units;
  }

  /** The interpreted sequence, or empty after reporting every error. */
  Optional<Sequence> fold(List<Finding> out) {
    List<OptionalLong> declaredLengths = new ArrayList<>();
    boolean ok = true;
    long updatesBefore = 0; // where a length in a unit is measured from
    for (int i = 0; i < phases.size(); i++) {
      CheckedPhase phase = phases.get(i);
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, Arg> entry : phase.args().entrySet()) {
        Arg arg = entry.getValue();
        Object value;
        if (arg instanceof Arg.PreviousEnd) {
          value = shapes.get(i - 1).endValue(lengths.get(i - 1));
        } else if (arg instanceof Arg.Fixed fixed) {
          value = fixed.value();
        } else if (arg instanceof Arg.Items items) {
          List<Long> list = new ArrayList<>();
          for (Arg.Expr item : items.items()) {
            Number number = evaluate(item, out);
            ok &= number != null;
            list.add(number == null ? 0L : number.longValue());
          }
          value = list;
        } else {
          Arg.Expr expr = (Arg.Expr) arg;
          Number number = evaluate(expr, out);
          ok &= number != null;
          boolean integer = phase.spec().byField(entry.getKey()).map(Component::isInteger).orElse(false);
          value = number == null ? 0 : integer ? (Object) number.longValue() : (Object) number.doubleValue();
          if (number != null && i > 0 && expr.given() && Component.PREVIOUS_END.equals(phase.spec().byField(entry.getKey()).get().fallback())) {
            double previousEnd = shapes.get(i - 1).endValue(lengths.get(i - 1));
            double start = number.doubleValue();
            if (Double.compare(start, previousEnd) != 0) {
              out.add(new Finding(
                  ProcessorCode.jumpBetweenPhases(expr.path(), i, start, i - 1, previousEnd), expr.where()));
            }
          }
        }
        values.put(entry.getKey(), value);
      }
      // A written length is that many steps, even Long.MAX_VALUE (which the model reads as forever).
      OptionalLong declared = OptionalLong.empty();
      if (phase.steps().isPresent()) {
        Number number = evaluate(phase.steps().get(), out);
        ok &= number != null;
        Unit unit = UnitLengths.unitOf(phase.draft());
        if (number != null && units.clock().isPresent()) {
          // On a clock the length counts samples or tokens consumed, not updates: no boundary in updates here.
          Optional<Unit> written = Optional.ofNullable(phase.draft().attributes().get("unit")).map(u -> unit);
          Optional<Long> inClock = units.inClock(phase.steps().get(), written, number, out);
          ok &= inClock.isPresent();
          number = inClock.orElse(1L);
        } else if (number != null && unit != Unit.UPDATES) {
          Optional<Long> updates = units.updates(phase.steps().get(), unit, number, updatesBefore, out);
          ok &= updates.isPresent();
          number = updates.orElse(1L);
        }
        declared = OptionalLong.of(number == null ? 1 : number.longValue());
        updatesBefore = ConfigBinding.boundary(updatesBefore, declared.getAsLong());
      }
      shapes.add(phase.spec().build(values));
      folded.add(values);
      declaredLengths.add(declared);
      lengths.add(declared.orElse(Phase.OPEN));
    }
    if (!ok) {
      return Optional.empty();
    }
    List<Violation> violations = ConfigBinding.check(shapes, declaredLengths, channel.afterEnd().value(), channel.name().value());
    for (Violation violation : violations) {
      out.add(locate(violation));
    }
    if (violations.stream().anyMatch(Violation::isError)) {
      return Optional.empty();
    }
    List<Phase> built = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      built.add(new Phase(shapes.get(i), lengths.get(i)));
    }
    return Optional.of(new Sequence(built, channel.afterEnd().value()));
  }

  private static Number evaluate(Arg.Expr expr, List<Finding> out) {
    try {
      return CONSTANTS.evaluate(expr.expression());
    } catch (ArithmeticException e) {
      String attribute = expr.path().substring(expr.path().lastIndexOf('.') + 1);
      out.add(new Finding(RuleCode.outOfRange(expr.path(), attribute, "`" + expr.text() + "`", "the range of a 64-bit integer"), expr.where()));
      return null;
    }
  }

  /**
   * A channel's bound broken somewhere ({@code NegativeLearningRate} and the like carry the
   * offending value but no path): the first phase whose range reaches that value, and in it the
   * attribute written with that value ({@code to = "-1e-4"}), else the phase itself; past the end
   * of the last phase, {@code afterEnd}.
   */
  private Finding locateBound(Violation violation, double bad) {
    for (int i = 0; i < phases.size(); i++) {
      Range range = shapes.get(i).range(lengths.get(i));
      if (Double.compare(range.min(), bad) != 0 && Double.compare(range.max(), bad) != 0) {
        continue;
      }
      CheckedPhase phase = phases.get(i);
      String at = channel.path("phases[" + i + "]");
      for (Map.Entry<String, Arg> entry : phase.args().entrySet()) {
        if (entry.getValue() instanceof Arg.Expr expr && expr.given()
            && folded.get(i).get(entry.getKey()) instanceof Number value && Double.compare(value.doubleValue(), bad) == 0) {
          String attribute = phase.spec().byField(entry.getKey()).map(Component::attribute).orElse(entry.getKey());
          return new Finding(violation.relocated(at + "." + attribute, null, null), expr.where());
        }
      }
      return new Finding(violation.relocated(at, null, null), phase.draft().where());
    }
    return new Finding(violation.relocated(channel.path("afterEnd"), null, null), channel.afterEnd().where());
  }

  /** The model's violation, worded and placed as the annotation wrote it. */
  private Finding locate(Violation violation) {
    String path = violation.path();
    Matcher matcher = PHASE_PATH.matcher(path);
    if (matcher.matches()) {
      int index = Integer.parseInt(matcher.group(1));
      CheckedPhase phase = phases.get(index);
      String field = matcher.group(2);
      String at = channel.path("phases[" + index + "]");
      if (field == null) {
        return new Finding(violation.relocated(at, null, null), phase.draft().where());
      }
      if (field.equals("steps")) {
        Site where = phase.steps().filter(Arg.Expr::given).map(Arg.Expr::where).orElse(phase.draft().where());
        if (phase.draft().attributes().get("steps") != null) {
          where = phase.draft().attributes().get("steps").where();
        }
        return new Finding(violation.relocated(at + ".steps", null, null), where);
      }
      String attribute = phase.spec().byField(field).map(Component::attribute).orElse(field);
      String item = matcher.group(3) == null ? "" : matcher.group(3);
      Site where = phase.draft().where();
      Arg arg = phase.args().get(field);
      if (arg instanceof Arg.Expr expr && expr.given()) {
        where = expr.where();
      } else if (arg instanceof Arg.Items items && matcher.group(4) != null) {
        where = items.items().get(Integer.parseInt(matcher.group(4))).where();
      } else if (phase.draft().attributes().get(attribute) != null) {
        where = phase.draft().attributes().get(attribute).where();
      }
      return new Finding(violation.relocated(at + "." + attribute + item, field, attribute), where);
    }
    if (path.isEmpty() && violation.code() == RuleCode.FIRST_UPDATE_AT_ZERO) {
      // Step 0 is the first phase's start: point at the value that makes it 0.
      CheckedPhase first = phases.get(0);
      String field = first.spec().components().get(0).field();
      Arg arg = first.args().get(field);
      Site where = arg instanceof Arg.Expr expr && expr.given() ? expr.where() : first.draft().where();
      return new Finding(violation.relocated(channel.path("phases[0]." + first.spec().components().get(0).attribute()), null, null), where);
    }
    if (path.isEmpty() && BOUNDS.contains(violation.code()) && violation.value() instanceof Number bad) {
      return locateBound(violation, bad.doubleValue());
    }
    if (path.equals("afterEnd")) {
      return new Finding(violation.relocated(channel.path("afterEnd"), null, null), channel.afterEnd().where());
    }
    if (path.equals("channel")) {
      return new Finding(violation.relocated(channel.path().isEmpty() ? "channel" : channel.path(), null, null), channel.name().where());
    }
    return new Finding(violation.relocated(channel.path(path), null, null), channel.where());
  }
}
