package dev.anneal.processor.describe;

import dev.anneal.annotation.Curve;
import dev.anneal.processor.check.Arg;
import dev.anneal.processor.check.CheckedChannel;
import dev.anneal.processor.check.CheckedPhase;
import dev.anneal.processor.curve.Component;
import dev.anneal.processor.read.Declaration;
import dev.anneal.rules.Values;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The schedule in words, for the generated class's Javadoc. */
final class Words {
  private Words() {}

  static String schedule(CheckedChannel channel, ScheduleCode code) {
    Optional<Sequence> folded = channel.interpreted();
    StringBuilder out = new StringBuilder();
    out.append(folded.isPresent() ? "The " : "A parameterized ").append(code.channel()).append(" schedule");
    code.config().ifPresent(config -> out.append(" over {@code ").append(String.join(".", config.simpleNames())).append("}"));
    out.append(", in ").append(channel.phases().size()).append(channel.phases().size() == 1 ? " phase:\n" : " phases:\n");
    out.append("\n<ol>\n");
    long start = 0;
    // A clocked schedule's phases count samples or tokens consumed, not steps.
    String counts = code.clock().map(clock -> clock.jsonName()).orElse("steps");
    String at = code.clock().isPresent() ? "" : "step ";
    for (int i = 0; i < channel.phases().size(); i++) {
      CheckedPhase phase = channel.phases().get(i);
      out.append("  <li>").append(curve(phase));
      if (folded.isPresent()) {
        Phase model = folded.get().phases().get(i);
        out.append(model.isOpen() ? " from " + at + start + (at.isEmpty() ? " " + counts : "") + " on"
            : " over " + model.steps() + " " + counts + " (" + start + " to " + (start + model.steps() - 1) + ")");
        out.append(unit(phase));
        start = model.isOpen() ? start : start + model.steps();
      } else {
        String counted = unit(phase).isEmpty() ? "steps" : phase.draft().attributes().get("unit").value().toLowerCase(Locale.ROOT);
        out.append(phase.steps().map(s -> " over {@code " + html(s.text()) + "} " + counted).orElse(" forever"));
      }
      int index = i;
      String settings = settings(phase, folded.map(s -> s.phases().get(index).shape()));
      out.append(settings.isEmpty() ? "" : ": " + settings).append('\n');
    }
    out.append("</ol>\n\n<p>");
    AfterEnd afterEnd = code.afterEnd();
    String end = folded.map(s -> s.declaredEnd().isPresent() ? at + s.declaredEnd().getAsLong() + (at.isEmpty() ? " " + counts : "") : "the end")
        .orElse("the end");
    boolean endless = channel.phases().get(channel.phases().size() - 1).steps().isEmpty();
    // A schedule whose last phase never ends has no value past its end to describe.
    out.append(endless ? "The last phase never ends." : switch (afterEnd) {
      case HOLD -> "At and past " + end + " it holds the value the last phase ends on"
          + folded.filter(s -> s.declaredEnd().isPresent()).map(s -> " (" + Values.show(s.valueAt(s.declaredEnd().getAsLong())) + ")").orElse("") + ".";
      case CONTINUE -> "Past " + end + " it keeps following the last phase's formula.";
      case FAIL -> (at.isEmpty() ? "Asking for an update that starts at or past " : "Asking for a step at or past ") + end + " throws.";
    });
    code.clock().ifPresent(clock -> out.append("\n\n<p>It counts the ").append(clock.jsonName())
        .append(" consumed before each update by the geometry's batch schedule: {@code valueAt(step)} is the value at the ")
        .append(clock.jsonName()).append(" consumed before update {@code step}, as Megatron-LM's scheduler steps by each iteration's batch."));
    if (code.reactive()) {
      out.append("\n\n<p>Its plateau phases react to metrics: walk it with {@link #stepper()} and report each metric to {@link Stepper#observe}.");
    }
    if (!code.conditions().isEmpty()) {
      out.append("\n\n<p>A config must meet: ")
          .append(code.conditions().stream().map(c -> "{@code " + html(c.show()) + "}").collect(Collectors.joining(", ")))
          .append("; {@link #validate} checks these and every rule of the model.");
    }
    out.append("\n\n<p>Generated from the annotation on {@code ").append(String.join(".", ownerNames(channel))).append("}; edit that, not this file.\n");
    return out.toString();
  }

  static String plan(Declaration declaration, List<ScheduleCode> schedules) {
    return "The plan declared on {@code " + String.join(".", declaration.simpleNames()) + "}, with the channels "
        + schedules.stream().map(s -> "{@code " + s.channel() + "} ({@link " + s.simpleName() + "})").collect(Collectors.joining(", "))
        + ".\n\n<p>Generated from the annotation; edit that, not this file.\n";
  }

  private static List<String> ownerNames(CheckedChannel channel) {
    return List.of(channel.draft().where().element().getSimpleName().toString());
  }

  /** A length written in a unit other than updates, as written: {@code , {@code 375_000_000} tokens}; else nothing. */
  private static String unit(CheckedPhase phase) {
    var unit = phase.draft().attributes().get("unit");
    if (unit == null || unit.value().equals("UPDATES") || phase.steps().isEmpty()) {
      return "";
    }
    return ", {@code " + html(phase.steps().get().text()) + "} " + unit.value().toLowerCase(Locale.ROOT);
  }

  private static String curve(CheckedPhase phase) {
    return curve(phase.spec().curve());
  }

  /**
   * The one spelling of a curve in generated Javadoc, as diagnostics spell it: the {@link Curve}
   * constant the annotation names, in lower case with hyphens ({@code one-minus-sqrt}).
   */
  static String curve(Curve curve) {
    return curve.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String settings(CheckedPhase phase, Optional<dev.anneal.schedule.Shape> shape) {
    List<String> out = new ArrayList<>();
    for (Component component : phase.spec().components()) {
      if (component.attribute() == null) {
        continue;
      }
      Arg arg = phase.args().get(component.field());
      String text;
      if (shape.isPresent()) {
        text = "{@code " + show(read(shape.get(), component.field())) + "}";
      } else if (arg instanceof Arg.Expr expr) {
        text = "{@code " + html(expr.text()) + "}";
      } else if (arg instanceof Arg.Items items) {
        text = "{@code " + items.items().stream().map(Arg.Expr::text).map(Words::html).collect(Collectors.joining(", ")) + "}";
      } else if (arg instanceof Arg.PreviousEnd) {
        text = "where the previous phase ends";
      } else {
        text = "{@code " + show(((Arg.Fixed) arg).value()) + "}";
      }
      out.add(component.attribute() + " " + text);
    }
    return String.join(", ", out);
  }

  private static String show(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(Values::show).collect(Collectors.joining(", "));
    }
    return Values.show(value);
  }

  private static Object read(dev.anneal.schedule.Shape shape, String field) {
    for (RecordComponent component : shape.getClass().getRecordComponents()) {
      if (component.getName().equals(field)) {
        try {
          return component.getAccessor().invoke(shape);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return "";
  }

  /** Text inside a code tag: only the end of a comment must not appear in it (it would close the Javadoc). */
  private static String html(String text) {
    return text.replace("*/", "* /");
  }
}
