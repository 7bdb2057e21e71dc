package dev.anneal.processor.describe;

import static dev.anneal.processor.expression.Expression.binary;
import static dev.anneal.processor.expression.Expression.name;

import dev.anneal.annotation.Curve;
import dev.anneal.geometry.Unit;
import dev.anneal.processor.check.Arg;
import dev.anneal.processor.check.CheckedChannel;
import dev.anneal.processor.check.CheckedPhase;
import dev.anneal.processor.check.Checked;
import dev.anneal.processor.check.UnitLengths;
import dev.anneal.processor.curve.Component;
import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.expression.MathFunction;
import dev.anneal.processor.read.Declaration;
import dev.anneal.processor.read.RecordParameter;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a checked declaration into the generation model: one named constant per value of every
 * phase (the folded number of a fixed schedule, the config expression of a parameterized one),
 * the constants each formula precomputes (slopes, cosine amplitudes and frequencies, milestone
 * levels, cyclic and one-cycle spans), and the phase boundaries. Each precomputed constant is the
 * very subexpression the model's formula evaluates, so the generated code computes bit for bit
 * what the model does.
 */
public final class Describer {

  public ClassCode describe(Checked checked) {
    Declaration declaration = checked.declaration();
    Optional<ConfigType> config = declaration.parameters().map(parameters -> new ConfigType(
        declaration.packageName(),
        declaration.simpleNames(),
        parameters.stream().filter(p -> p.type() == RecordParameter.Numeric.INTEGER).map(RecordParameter::name).toList(),
        parameters.stream().filter(p -> p.type() == RecordParameter.Numeric.INTEGER && !p.typeName().equals("long")).map(RecordParameter::name).toList()));
    List<ScheduleCode> schedules = new ArrayList<>();
    for (CheckedChannel channel : checked.channels()) {
      String simpleName = declaration.plan() ? className(channel.draft().name().value()) : declaration.generatedName();
      schedules.add(new ChannelDescriber(channel, config, UnitLengths.geometryCalls(declaration), UnitLengths.clockOf(declaration)).describe(simpleName));
    }
    String javadoc = declaration.plan() ? Words.plan(declaration, schedules) : "";
    return new ClassCode(declaration.packageName(), declaration.generatedName(), declaration.plan(), javadoc, config, schedules);
  }

  /** {@code weight_decay} → {@code WeightDecay}. */
  static String className(String channel) {
    StringBuilder out = new StringBuilder();
    for (String word : channel.split("_")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  private static final class ChannelDescriber {
    private final CheckedChannel channel;
    private final Optional<ConfigType> config;
    private final List<Field> fields = new ArrayList<>();
    private final List<PhaseCode> phases = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final TreeSet<String> doubles = new TreeSet<>();

    private final Map<String, Object> geometry;
    private final Optional<Clock> clock;

    ChannelDescriber(CheckedChannel channel, Optional<ConfigType> config, Map<String, Object> geometry, Optional<Clock> clock) {
      this.channel = channel;
      this.config = config;
      this.clock = clock;
      // Only a parameterized schedule resolves lengths at run time, and only a clocked one counts the geometry's consumption;
      // a fixed one's lengths are constants already.
      boolean inUnits = config.isPresent() && channel.phases().stream().anyMatch(p -> UnitLengths.unitOf(p.draft()) != Unit.UPDATES);
      this.geometry = inUnits || clock.isPresent() ? geometry : Map.of();
    }

    ScheduleCode describe(String simpleName) {
      Optional<Sequence> folded = channel.interpreted();
      for (int i = 0; i < channel.phases().size(); i++) {
        phases.add(phase(i, channel.phases().get(i), folded.map(s -> s.phases())));
      }
      PhaseCode last = phases.get(phases.size() - 1);
      CheckedPhase lastPhase = channel.phases().get(phases.size() - 1);
      Field.Value hold;
      if (folded.isPresent()) {
        Phase phase = folded.get().phases().get(phases.size() - 1);
        hold = new Field.Literal(phase.shape().endValue(phase.steps()));
      } else {
        hold = lastPhase.spec().endField().<Field.Value>map(f -> new Field.Derived(name(last.field(f))))
            .orElseGet(() -> new Field.EndOf(last.shape(), last.field("steps")));
      }
      // An endless schedule holds nothing: the constant is only its value at Long.MAX_VALUE, where the step range ends.
      fields.add(new Field("holdValue", false, hold, last.open()
          ? "the last phase's value at step Long.MAX_VALUE, the one step no phase range reaches"
          : "the value held at and past the declared end"));
      ScheduleCode code = new ScheduleCode(
          simpleName, "", config, channel.draft().name().value(), channel.draft().path(), fields, phases,
          channel.draft().afterEnd().value(), "holdValue", channel.conditions(), bindings, List.copyOf(doubles), geometry, clock);
      return withJavadoc(code);
    }

    private ScheduleCode withJavadoc(ScheduleCode code) {
      return new ScheduleCode(code.simpleName(), Words.schedule(channel, code), code.config(), code.channel(), code.path(), code.fields(),
          code.phases(), code.afterEnd(), code.hold(), code.conditions(), code.bindings(), code.finiteParameters(), code.geometry(), code.clock());
    }

    private PhaseCode phase(int i, CheckedPhase phase, Optional<List<Phase>> folded) {
      String prefix = "phase" + i;
      Map<String, String> roles = new LinkedHashMap<>();
      Map<String, Object> options = new LinkedHashMap<>();
      List<Object> callArgs = new ArrayList<>();
      Optional<Shape> shape = folded.map(list -> list.get(i).shape());
      int milestones = 0;
      for (Component component : phase.spec().components()) {
        Arg arg = phase.args().get(component.field());
        String field = prefix + capitalize(component.field());
        switch (component.kind()) {
          case VALUE, INTEGER -> {
            Field.Value value = shape.isPresent()
                ? new Field.Literal((Number) read(shape.get(), component.field()))
                : value(i, arg, component.isInteger());
            fields.add(new Field(field, component.isInteger(), value, ""));
            roles.put(component.field(), field);
            callArgs.add(field);
            bind(i, component, arg, "");
          }
          case INTEGER_LIST -> {
            Arg.Items items = (Arg.Items) arg;
            List<String> names = new ArrayList<>();
            for (int k = 0; k < items.items().size(); k++) {
              String item = prefix + "Milestone" + k;
              Field.Value value = shape.isPresent()
                  ? new Field.Literal(((List<?>) read(shape.get(), component.field())).get(k) instanceof Long l ? l : 0L)
                  : value(i, items.items().get(k), true);
              fields.add(new Field(item, true, value, ""));
              roles.put("milestone" + k, item);
              names.add(item);
              bind(i, component, items.items().get(k), "[" + k + "]");
            }
            milestones = names.size();
            callArgs.add(names);
          }
          default -> {
            Object constant = ((Arg.Fixed) arg).value();
            options.put(component.field(), constant);
            callArgs.add(constant);
          }
        }
      }
      String steps = prefix + "Steps";
      boolean open = phase.steps().isEmpty();
      Unit unit = UnitLengths.unitOf(phase.draft());
      Field.Value stepsValue = open || shape.isPresent()
          ? new Field.Literal(open ? Phase.OPEN : folded.get().get(i).steps())
          : unit == Unit.UPDATES ? new Field.FromConfig(phase.steps().get().expression())
          : new Field.InUnit(phase.steps().get().expression(), unit, i == 0 ? null : "phase" + (i - 1) + "Boundary", phase.steps().get().path());
      fields.add(new Field(steps, true, stepsValue, ""));
      roles.put("steps", steps);
      phase.steps().ifPresent(expr -> bindings.add(binding(i, "steps", "steps", expr, "")));
      // A length such as round(total * ratio) uses a double component: validate checks it is finite first.
      if (stepsValue instanceof Field.FromConfig || stepsValue instanceof Field.InUnit) {
        phase.steps().get().expression().names().stream().filter(used -> !config.get().integers().contains(used)).forEach(doubles::add);
      }
      String end = prefix + "Boundary";
      String previousEnd = "phase" + (i - 1) + "Boundary";
      // A fixed schedule's sum is checked at compile time (at most Long.MAX_VALUE - 1); a config's only when it is validated.
      Field.Value endValue = open
          ? new Field.Literal(Phase.OPEN)
          : i == 0 ? new Field.Derived(name(steps))
          : config.isPresent() ? new Field.Boundary(previousEnd, steps)
          : new Field.Derived(binary('+', name(previousEnd), name(steps)));
      fields.add(new Field(end, true, endValue, "the first step after phase " + i));
      roles.put("boundary", end);
      derived(prefix, phase.spec().curve(), roles, options, milestones);
      return new PhaseCode(i, phase.spec().curve(), roles, options, milestones, open, new ShapeCall(phase.spec().shape(), callArgs));
    }

    /** The constants the curve's formula precomputes: each the exact subexpression the model evaluates. */
    private void derived(String prefix, Curve curve, Map<String, String> roles, Map<String, Object> options, int milestones) {
      // A switch expression, so that a Curve constant nobody decided on is a compile error here.
      Runnable derivation = switch (curve) {
        case LINEAR -> () -> derive(prefix, roles, "delta", false, binary('-', ref(roles, "to"), ref(roles, "from")), "");
        case COSINE -> () -> {
          derive(prefix, roles, "amplitude", false, binary('-', ref(roles, "from"), ref(roles, "to")), "");
          derive(prefix, roles, "angular", false, binary('*', binary('*', new Expression.Pi(), ref(roles, "cycles")), Expression.real(2.0)),
              "radians per unit of progress: π * cycles * 2");
        };
        case EXPONENTIAL_TO -> () -> derive(prefix, roles, "ratio", false, binary('/', ref(roles, "to"), ref(roles, "from")), "");
        case POLYNOMIAL, ONE_MINUS_SQRT -> () -> derive(prefix, roles, "amplitude", false, binary('-', ref(roles, "from"), ref(roles, "to")), "");
        case COSINE_RESTARTS -> () -> derive(prefix, roles, "amplitude", false, binary('-', ref(roles, "from"), ref(roles, "floor")), "");
        case MILESTONES -> () -> {
          for (int k = 0; k <= milestones; k++) {
            derive(prefix, roles, "level" + k, false,
                binary('*', ref(roles, "from"), Expression.call(MathFunction.POW, ref(roles, "factor"), Expression.real(k))),
                "the value after " + k + " milestone" + (k == 1 ? "" : "s") + ": from * factor^" + k);
          }
        };
        case CYCLIC -> () -> {
          derive(prefix, roles, "totalSize", false, new Expression.ToDouble(binary('+', ref(roles, "up"), ref(roles, "down"))), "steps per cycle");
          derive(prefix, roles, "stepRatio", false, binary('/', ref(roles, "up"), ref(roles, "totalSize")), "the rising fraction of a cycle");
          derive(prefix, roles, "span", false, binary('-', ref(roles, "max"), ref(roles, "base")), "");
        };
        case ONE_CYCLE -> () -> oneCycle(prefix, roles, Boolean.TRUE.equals(options.get("threePhase")),
            options.get("anneal") == dev.anneal.schedule.OneCycle.Anneal.COS);
        case CONSTANT, EXPONENTIAL, INVERSE_SQRT, STEP, PLATEAU -> () -> {}; // nothing precomputed
      };
      derivation.run();
    }

    private void oneCycle(String prefix, Map<String, String> roles, boolean threePhase, boolean cos) {
      Expression steps = ref(roles, "steps");
      derive(prefix, roles, "firstEnd", false, binary('-', binary('*', ref(roles, "pctStart"), steps), Expression.integer(1)),
          "the last step of the rise: pctStart * steps - 1");
      derive(prefix, roles, "lastStep", false, new Expression.ToDouble(binary('-', steps, Expression.integer(1))), "");
      List<String[]> parts = new ArrayList<>();
      if (threePhase) {
        derive(prefix, roles, "secondEnd", false,
            binary('-', binary('*', binary('*', Expression.integer(2), ref(roles, "pctStart")), steps), Expression.integer(2)),
            "the last step of the fall back: 2 * pctStart * steps - 2");
        parts.add(new String[] {"start", "peak", null, "firstEnd"});
        parts.add(new String[] {"peak", "start", "firstEnd", "secondEnd"});
        parts.add(new String[] {"start", "end", "secondEnd", "lastStep"});
      } else {
        parts.add(new String[] {"start", "peak", null, "firstEnd"});
        parts.add(new String[] {"peak", "end", "firstEnd", "lastStep"});
      }
      for (int k = 0; k < parts.size(); k++) {
        String[] part = parts.get(k);
        String label = "part" + (k + 1);
        Expression span = part[2] == null ? ref(roles, part[3]) : binary('-', ref(roles, part[3]), ref(roles, part[2]));
        derive(prefix, roles, label + "Span", false, span, "the steps part " + (k + 1) + " spans");
        if (cos) {
          derive(prefix, roles, label + "Half", false, binary('/', binary('-', ref(roles, part[0]), ref(roles, part[1])), Expression.real(2.0)),
              "half the change of part " + (k + 1));
        } else {
          derive(prefix, roles, label + "Delta", false, binary('-', ref(roles, part[1]), ref(roles, part[0])), "the change of part " + (k + 1));
        }
        roles.put(label + "From", roles.get(part[0]));
        roles.put(label + "To", roles.get(part[1]));
        if (part[2] != null) {
          roles.put(label + "Start", roles.get(part[2]));
        }
      }
    }

    private void derive(String prefix, Map<String, String> roles, String role, boolean integer, Expression expression, String doc) {
      String name = prefix + capitalize(role);
      fields.add(new Field(name, integer, new Field.Derived(expression), doc));
      roles.put(role, name);
    }

    private static Expression ref(Map<String, String> roles, String role) {
      String name = roles.get(role);
      if (name == null) {
        throw new IllegalStateException("no constant for " + role);
      }
      return name(name);
    }

    /** A parameterized value: the config expression, or where the previous phase ended. */
    private Field.Value value(int i, Arg arg, boolean integer) {
      if (arg instanceof Arg.Expr expr) {
        for (String used : expr.expression().names()) {
          if (!config.get().integers().contains(used)) {
            doubles.add(used);
          }
        }
        return new Field.FromConfig(expr.expression());
      }
      PhaseCode previous = phases.get(i - 1);
      CheckedPhase previousPhase = channel.phases().get(i - 1);
      return previousPhase.spec().endField().<Field.Value>map(f -> new Field.Derived(name(previous.field(f))))
          .orElseGet(() -> new Field.EndOf(previous.shape(), previous.field("steps")));
    }

    private void bind(int i, Component component, Arg arg, String item) {
      if (arg instanceof Arg.Expr expr && expr.given()) {
        bindings.add(binding(i, component.field(), component.attribute(), expr, item));
      }
    }

    private Binding binding(int i, String field, String attribute, Arg.Expr expr, String item) {
      String modelPath = "phases[" + i + "]." + field + item;
      return new Binding(modelPath, expr.path(), field, attribute, expr.text(), List.copyOf(expr.expression().names()));
    }

    private static Object read(Shape shape, String field) {
      for (RecordComponent component : shape.getClass().getRecordComponents()) {
        if (component.getName().equals(field)) {
          try {
            return component.getAccessor().invoke(shape);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field + " of " + shape, e);
          }
        }
      }
      throw new IllegalStateException(shape.kind() + " has no field " + field);
    }
  }

  static String capitalize(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
