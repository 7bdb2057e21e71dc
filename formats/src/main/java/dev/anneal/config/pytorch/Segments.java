package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.ShapeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * Cuts a member's phases to the steps a {@code SequentialLR} gives it. PyTorch runs member i from
 * milestone i-1 until milestone i, so a member may be stopped inside a phase (its formula must then
 * be re-expressed over fewer steps) or run past its end (its after-end behaviour then applies).
 */
final class Segments {
  private Segments() {}

  /** Why a member's phases cannot be cut or stretched to a segment. */
  static final class CannotCut extends Exception {
    private static final long serialVersionUID = 1L;

    CannotCut(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The phases that reproduce {@code phases} (followed by {@code afterEnd}) over exactly {@code
   * length} steps.
   */
  static List<Phase> cut(List<Phase> phases, AfterEnd afterEnd, long length) throws CannotCut {
    List<Phase> out = new ArrayList<>();
    long left = length;
    long start = 0;
    for (Phase phase : phases) {
      if (left == 0) {
        return out;
      }
      if (phase.isOpen() || phase.steps() > left) {
        out.add(shorten(phase, left, start));
        return out;
      }
      out.add(phase);
      left -= phase.steps();
      start += phase.steps();
    }
    if (left == 0) {
      return out;
    }
    Phase last = phases.get(phases.size() - 1);
    switch (afterEnd) {
      case HOLD -> out.add(new Phase(new Constant(last.shape().endValue(last.steps())), left));
      case CONTINUE -> out.set(out.size() - 1, lengthen(last, last.steps() + left));
      case FAIL -> throw new CannotCut("it ends after " + start + " steps and PyTorch raises ValueError if it is stepped further");
    }
    return out;
  }

  /** The first {@code steps} steps of {@code phase}, as a phase of that length. */
  private static Phase shorten(Phase phase, long steps, long start) throws CannotCut {
    Shape shape = phase.shape();
    if (shape.allowsOpenLength()) {
      return new Phase(shape, steps); // these formulas do not depend on the phase's length
    }
    Shape cut = cutShort(shape, (double) steps / phase.steps());
    if (cut != null) {
      return new Phase(cut, steps);
    }
    throw new CannotCut(
        "that is inside its " + phase.steps() + "-step " + shape.kind() + " phase, which Anneal cannot cut short;"
            + " only " + ShapeKind.namesOf(CUT_KINDS) + " and open-ended phases can be; let it run at least until step "
            + (start + phase.steps()));
  }

  /**
   * The values at steps 0 to {@code length - 1} as constant phases, one per run of equal values:
   * how a member that has no phases of its own (a {@code ChainedScheduler}, a product of factors)
   * runs for the steps a {@code SequentialLR} gives it. The values are the member's own, so the
   * cut is exact.
   */
  static List<Phase> tabulate(LongToDoubleFunction values, long length) {
    List<Phase> out = new ArrayList<>();
    long runStart = 0;
    double runValue = Double.NaN;
    for (long step = 0; step < length; step++) {
      double value = values.applyAsDouble(step);
      if (step > 0 && Double.compare(value, runValue) != 0) {
        out.add(new Phase(new Constant(runValue), step - runStart));
        runStart = step;
      }
      runValue = value;
    }
    if (length > 0) {
      out.add(new Phase(new Constant(runValue), length - runStart));
    }
    return out;
  }

  /**
   * The phases that give, at step t, what {@code phases} (followed by {@code afterEnd}) give at
   * step t + 1: a scheduler that PyTorch has already stepped once when it starts (torch 1.13's
   * nested {@code SequentialLR}). A line starts one step along, a constant or a formula that does
   * not depend on its phase's length is shifted; other formulas cannot start part-way.
   */
  static List<Phase> dropFirst(List<Phase> phases, AfterEnd afterEnd) throws CannotCut {
    List<Phase> out = new ArrayList<>();
    Phase first = phases.get(0);
    Shape shape = first.shape();
    if (first.isOpen() || first.steps() > 1) {
      long steps = first.isOpen() ? Phase.OPEN : first.steps() - 1;
      if (shape instanceof Linear linear && !first.isOpen()) {
        out.add(new Phase(new Linear(linear.from() + (linear.to() - linear.from()) / first.steps(), linear.to()), steps));
      } else if (shape.allowsOpenLength()) {
        out.add(new Phase(shape instanceof Constant ? shape : new Shifted(shape, 1), steps));
      } else {
        throw new CannotCut("its first phase (" + shape.kind() + ") cannot start one step along; only linear phases and formulas"
            + " that do not depend on their phase's length can");
      }
    } else if (phases.size() == 1) {
      if (afterEnd != AfterEnd.HOLD) {
        throw new CannotCut("it ends after its first step");
      }
      out.add(new Phase(new Constant(shape.endValue(first.steps())), Phase.OPEN));
    }
    out.addAll(phases.subList(1, phases.size()));
    return out;
  }

  /** {@code phase}'s formula continued to {@code steps} steps (a cosine past its end rises again). */
  private static Phase lengthen(Phase phase, long steps) throws CannotCut {
    Shape continued = continued(phase.shape(), phase.steps(), steps);
    if (continued == null) {
      throw new CannotCut("its " + phase.shape().kind() + " phase cannot be continued past its end");
    }
    return new Phase(continued, steps);
  }

  /**
   * The same formula over the first {@code fraction} of the phase, re-expressed as a shape of that
   * many steps, or {@code null} where Anneal cannot re-express it. Only a line and a cosine keep
   * their form when cut; the switch names every kind so that a new one must be decided here.
   */
  private static Shape cutShort(Shape shape, double fraction) {
    return switch (ShapeKind.of(shape)) {
      case LINEAR -> {
        Linear linear = (Linear) shape;
        yield new Linear(linear.from(), linear.from() + (linear.to() - linear.from()) * fraction);
      }
      case COSINE -> {
        Cosine cosine = (Cosine) shape;
        yield new Cosine(cosine.from(), cosine.to(), cosine.cycles() * fraction);
      }
      case CONSTANT, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, STEP, MILESTONES, INVERSE_SQRT, CYCLIC,
          COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> null;
    };
  }

  /** The kinds {@link #cutShort} cuts, for messages. */
  private static final List<ShapeKind> CUT_KINDS = List.of(ShapeKind.LINEAR, ShapeKind.COSINE);

  /**
   * The formula of {@code shape} continued from {@code phaseSteps} to {@code steps} steps, as a
   * shape of that length (a cosine past its end rises again), or {@code null} where it cannot be
   * continued.
   */
  private static Shape continued(Shape shape, long phaseSteps, long steps) {
    return switch (ShapeKind.of(shape)) {
      case COSINE -> {
        Cosine cosine = (Cosine) shape;
        yield new Cosine(cosine.from(), cosine.to(), cosine.cycles() * steps / phaseSteps);
      }
      case CONSTANT, LINEAR, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, STEP, MILESTONES, INVERSE_SQRT,
          CYCLIC, COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> null;
    };
  }
}
