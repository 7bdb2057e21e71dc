package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.List;

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
    double fraction = (double) steps / phase.steps();
    if (shape instanceof Linear linear) {
      return new Phase(new Linear(linear.from(), linear.from() + (linear.to() - linear.from()) * fraction), steps);
    }
    if (shape instanceof Cosine cosine) {
      return new Phase(new Cosine(cosine.from(), cosine.to(), cosine.cycles() * fraction), steps);
    }
    throw new CannotCut(
        "that is inside its " + phase.steps() + "-step " + shape.kind() + " phase, which Anneal cannot cut short;"
            + " only linear, cosine and open-ended phases can be; let it run at least until step " + (start + phase.steps()));
  }

  /** {@code phase}'s formula continued to {@code steps} steps (a cosine past its end rises again). */
  private static Phase lengthen(Phase phase, long steps) throws CannotCut {
    if (phase.shape() instanceof Cosine cosine) {
      return new Phase(new Cosine(cosine.from(), cosine.to(), cosine.cycles() * steps / phase.steps()), steps);
    }
    throw new CannotCut("its " + phase.shape().kind() + " phase cannot be continued past its end");
  }
}
