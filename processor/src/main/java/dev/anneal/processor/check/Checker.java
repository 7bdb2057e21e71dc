package dev.anneal.processor.check;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.geometry.Unit;
import dev.anneal.internal.ConfigBinding;
import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.curve.Component;
import dev.anneal.processor.curve.CurveSpec;
import dev.anneal.processor.read.ChannelDraft;
import dev.anneal.processor.read.Declaration;
import dev.anneal.processor.read.PhaseDraft;
import dev.anneal.processor.read.Located;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.PlanRules;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a declaration: that the generated class can use its record ({@link RecordAccess}),
 * each channel's name (the model's rule), each phase's attributes against
 * its curve, each expression's syntax, names and type; then, for a fixed declaration, every rule
 * of the model on the folded values (through {@link dev.anneal.internal.ConfigBinding#check},
 * the rules the builder runs), and for a parameterized one, the conditions a config must meet.
 */
public final class Checker {

  /** What checking found: every finding, and the checked declaration if none is an error. */
  public record Result(List<Finding> findings, Optional<Checked> checked) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  public Result check(Declaration declaration) {
    List<Finding> out = new ArrayList<>(RecordAccess.check(declaration));
    Expressions expressions = new Expressions(new Scope(declaration.parameters()));
    UnitLengths units = UnitLengths.of(declaration, out);
    units.warnIfUnused(declaration, out);
    Set<String> names = new HashSet<>();
    List<List<CheckedPhase>> checkedPhases = new ArrayList<>();
    for (ChannelDraft channel : declaration.channels()) {
      Located<String> name = channel.name();
      if (declaration.plan() && !names.add(name.value())) {
        out.add(new Finding(ProcessorCode.duplicateChannel(channel.path(), name.value()), name.where()));
      }
      // The model's name rule, at compile time for every declaration (a record's too, whose values come later).
      for (Violation violation : PlanRules.channelName(channel.path().isEmpty() ? "channel" : channel.path(), name.value())) {
        out.add(new Finding(violation, name.where()));
      }
      List<CheckedPhase> firstChannel = checkedPhases.isEmpty() ? null : checkedPhases.get(0);
      checkedPhases.add(phases(declaration, channel, firstChannel, expressions, units, out));
    }
    if (hasErrors(out)) {
      return new Result(out, Optional.empty());
    }
    List<CheckedChannel> channels = new ArrayList<>();
    for (int c = 0; c < declaration.channels().size(); c++) {
      ChannelDraft channel = declaration.channels().get(c);
      List<CheckedPhase> phases = checkedPhases.get(c);
      Optional<Sequence> interpreted = Optional.empty();
      if (phases.isEmpty()) {
        // The model's rules of a schedule without phases: EmptySchedule, through the one entry point.
        for (Violation violation : ConfigBinding.check(List.of(), List.of(), channel.afterEnd().value(), channel.name().value())) {
          out.add(new Finding(violation.relocated(channel.path(violation.path()), null, null), channel.where()));
        }
      } else if (!declaration.parameterized()) {
        interpreted = new Folder(channel, phases, units).fold(out);
      }
      List<Condition> conditions = declaration.parameterized() ? Conditions.derive(phases) : List.of();
      channels.add(new CheckedChannel(channel, phases, interpreted, conditions));
    }
    if (hasErrors(out)) {
      return new Result(out, Optional.empty());
    }
    return new Result(out, Optional.of(new Checked(declaration, channels)));
  }

  private static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.violation().isError());
  }

  private List<CheckedPhase> phases(
      Declaration declaration, ChannelDraft channel, List<CheckedPhase> firstChannel, Expressions expressions, UnitLengths units,
      List<Finding> out) {
    List<CheckedPhase> phases = new ArrayList<>();
    for (int i = 0; i < channel.phases().size(); i++) {
      PhaseDraft draft = channel.phases().get(i);
      CurveSpec spec = CurveSpec.of(draft.curve());
      String at = channel.path("phases[" + i + "]");
      String curveName = spec.curve().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      boolean ok = true;
      for (Map.Entry<String, Located<String>> attribute : draft.attributes().entrySet()) {
        if (!attribute.getKey().equals("steps") && !attribute.getKey().equals("unit") && spec.byAttribute(attribute.getKey()).isEmpty()) {
          out.add(irrelevant(at, attribute.getKey(), attribute.getValue(), curveName, spec));
          ok = false;
        }
      }
      if (draft.milestones().isPresent() && spec.byAttribute("milestones").isEmpty()) {
        out.add(irrelevant(at, "milestones", new Located<>("{…}", draft.milestones().get().where()), curveName, spec));
        ok = false;
      }
      // A unit measures a written length; with none (left to the first channel, or forever) it would be ignored.
      Located<String> unitWritten = draft.attributes().get("unit");
      Located<String> lengthWritten = draft.attributes().get("steps");
      if (unitWritten != null && (lengthWritten == null || lengthWritten.value().equals(PhaseSpec.FOREVER))) {
        out.add(new Finding(ProcessorCode.unitWithoutLength(at + ".unit", unitWritten.value().toLowerCase(java.util.Locale.ROOT),
            lengthWritten == null ? firstChannel == null ? "leaves out" : "leaves out (it takes the first channel's length and unit)" : "gives as forever"),
            unitWritten.where()));
        ok = false;
      }
      // The length: written, "forever", or (in a plan's later channel) the first channel's.
      Optional<Arg.Expr> steps = Optional.empty();
      Located<String> stepsWritten = draft.attributes().get("steps");
      if (stepsWritten == null) {
        if (firstChannel == null) {
          out.add(new Finding(ProcessorCode.missingAttribute(at + ".steps", curveName, "steps", ""), draft.where()));
          ok = false;
        } else if (i >= firstChannel.size()) {
          String first = declaration.channels().get(0).name().value();
          out.add(new Finding(
              ProcessorCode.channelPhasesDiffer(at + ".steps", channel.name().value(), i, first, firstChannel.size()),
              draft.where()));
          ok = false;
        } else {
          steps = firstChannel.get(i).steps();
          draft = UnitLengths.sharingUnit(draft, firstChannel.get(i).draft());
        }
      } else if (!stepsWritten.value().equals(PhaseSpec.FOREVER)) {
        Unit unit = UnitLengths.unitOf(draft);
        // A length in epochs, samples or tokens may be fractional as written; the geometry decides its updates.
        steps = expressions.check(stepsWritten.value(), "steps", at + ".steps", unit == Unit.UPDATES, true, stepsWritten.where(), out);
        ok &= steps.isPresent();
        if (steps.isPresent() && unit != Unit.UPDATES && declaration.parameterized()) {
          ok &= units.available(steps.get(), unit, out); // a fixed schedule's lengths are resolved when folded
        }
      }
      Map<String, Arg> args = new LinkedHashMap<>();
      for (Component component : spec.components()) {
        Optional<Arg> arg = arg(i, at, curveName, draft, component, expressions, out);
        if (arg.isEmpty()) {
          ok = false;
        } else {
          args.put(component.field(), arg.get());
        }
      }
      if (ok) {
        phases.add(new CheckedPhase(draft, spec, args, steps));
      }
    }
    return phases;
  }

  private static Finding irrelevant(String at, String attribute, Located<String> written, String curveName, CurveSpec spec) {
    List<String> takes = new ArrayList<>(List.of("steps"));
    takes.addAll(spec.attributes());
    return new Finding(
        ProcessorCode.irrelevantAttribute(at + "." + attribute, written.value(), attribute, curveName, takes),
        written.where());
  }

  private Optional<Arg> arg(
      int index, String at, String curveName, PhaseDraft draft, Component component, Expressions expressions, List<Finding> out) {
    String path = at + "." + component.attribute();
    switch (component.kind()) {
      case FIXED:
        return Optional.of(new Arg.Fixed(component.fallback()));
      case ENUM: {
        Located<String> written = draft.attributes().get(component.attribute());
        Enum<?> fallback = (Enum<?>) component.fallback();
        return Optional.of(new Arg.Fixed(written == null ? fallback : enumConstant(fallback, written.value())));
      }
      case BOOLEAN: {
        Located<String> written = draft.attributes().get(component.attribute());
        return Optional.of(new Arg.Fixed(written == null ? component.fallback() : Boolean.valueOf(written.value())));
      }
      case INTEGER_LIST: {
        if (draft.milestones().isEmpty()) {
          out.add(new Finding(ProcessorCode.missingAttribute(path, curveName, component.attribute(), ""), draft.where()));
          return Optional.empty();
        }
        List<Arg.Expr> items = new ArrayList<>();
        List<Located<String>> written = draft.milestones().get().value();
        boolean ok = true;
        for (int k = 0; k < written.size(); k++) {
          Located<String> item = written.get(k);
          Optional<Arg.Expr> checked = expressions.check(item.value(), component.attribute(), path + "[" + k + "]", true, true, item.where(), out);
          ok &= checked.isPresent();
          checked.ifPresent(items::add);
        }
        return ok ? Optional.of(new Arg.Items(items)) : Optional.empty();
      }
      default: {
        Located<String> written = draft.attributes().get(component.attribute());
        if (written != null) {
          return expressions.check(written.value(), component.attribute(), path, component.isInteger(), true, written.where(), out).map(Arg.class::cast);
        }
        if (Component.PREVIOUS_END.equals(component.fallback())) {
          if (index == 0) {
            out.add(new Finding(
                ProcessorCode.missingAttribute(path, curveName, component.attribute(), " (the first phase has no previous phase to start from)"),
                draft.where()));
            return Optional.empty();
          }
          return Optional.of(new Arg.PreviousEnd());
        }
        if (Component.REQUIRED.equals(component.fallback())) {
          out.add(new Finding(ProcessorCode.missingAttribute(path, curveName, component.attribute(), ""), draft.where()));
          return Optional.empty();
        }
        return expressions.check((String) component.fallback(), component.attribute(), path, component.isInteger(), false, draft.where(), out)
            .map(Arg.class::cast);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Enum<?> enumConstant(Enum<?> sample, String name) {
    return Enum.valueOf((Class) sample.getDeclaringClass(), name);
  }
}
