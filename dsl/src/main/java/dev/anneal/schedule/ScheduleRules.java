package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The structural rules of phases and sequences, as pure functions returning every violation
 * found. Constructors call them and throw; the builder, config readers and annotation processor
 * call them to collect violations with their paths.
 */
public final class ScheduleRules {
  private ScheduleRules() {}

  /** The rules of one phase: its length, then its shape's own rules. Paths are relative to the phase. */
  public static List<Violation> phase(Shape shape, long steps) {
    List<Violation> out = new ArrayList<>();
    if (steps == Phase.OPEN) {
      if (!shape.allowsOpenLength()) {
        out.add(RuleCode.needsLength("steps", shape.kind(), ShapeKind.openEndedPhrase()));
      }
    } else {
      Rules.atLeastOne(out, "steps", steps);
    }
    if (steps >= 1) {
      out.addAll(shape.check(steps));
    }
    return out;
  }

  /** The rules of a sequence of (individually valid) phases. */
  public static List<Violation> sequence(List<Phase> phases, AfterEnd afterEnd) {
    List<Violation> out = new ArrayList<>();
    if (phases.isEmpty()) {
      out.add(RuleCode.emptySchedule("phases"));
      return out;
    }
    long total = 0;
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      if (phase.isOpen() && i < phases.size() - 1) {
        out.add(RuleCode.openPhaseNotLast("phases[" + i + "].steps", i, i + 1));
      } else if (!phase.isOpen()) {
        if (total > Long.MAX_VALUE - 1 - phase.steps()) {
          out.add(RuleCode.lengthOverflow("phases[" + i + "].steps", phase.steps(), Long.MAX_VALUE - 1));
        } else {
          total += phase.steps();
        }
      }
    }
    Phase last = phases.get(phases.size() - 1);
    if (afterEnd == AfterEnd.CONTINUE && !last.isOpen() && !last.shape().rangePastEnd(last.steps()).isFinite()) {
      out.add(RuleCode.continueUnbounded("afterEnd", afterEnd, last.shape().kind()));
    }
    for (int i = 0; i < phases.size(); i++) {
      for (Violation warning : phases.get(i).shape().check(phases.get(i).steps())) {
        if (!warning.isError()) {
          out.add(warning.under("phases[" + i + "]"));
        }
      }
    }
    return out;
  }
}
