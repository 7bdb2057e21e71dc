package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineHardRestarts;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.InverseTimeDecay;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.LinearGrowth;
import dev.anneal.schedule.LogWarmup;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.PostCycleMomentum;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
import dev.anneal.schedule.ShapeVisitor;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.StairCycle;
import dev.anneal.schedule.StepDecay;
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
    Shape cut = shape.accept(new CutShort((double) steps / phase.steps()));
    if (cut != null) {
      return new Phase(cut, steps);
    }
    throw new CannotCut(
        "that is inside its " + phase.steps() + "-step " + shape.kind() + " phase, which Anneal cannot cut short;"
            + " only " + ShapeKind.namesOf(CutShort.KINDS) + " and open-ended phases can be; let it run at least until step "
            + (start + phase.steps()));
  }

  /** {@code phase}'s formula continued to {@code steps} steps (a cosine past its end rises again). */
  private static Phase lengthen(Phase phase, long steps) throws CannotCut {
    Shape continued = phase.shape().accept(new Continued(phase.steps(), steps));
    if (continued == null) {
      throw new CannotCut("its " + phase.shape().kind() + " phase cannot be continued past its end");
    }
    return new Phase(continued, steps);
  }

  /**
   * Per shape of a fixed length: the same formula over the first {@code fraction} of the phase,
   * re-expressed as a shape of that many steps, or {@code null} where Anneal cannot re-express it.
   */
  private record CutShort(double fraction) implements ShapeVisitor<Shape> {
    /** The kinds {@link CutShort} cuts, for messages. */
    static final List<ShapeKind> KINDS = List.of(ShapeKind.LINEAR, ShapeKind.COSINE);

    @Override
    public Shape visitConstant(Constant s) {
      return null;
    }

    @Override
    public Shape visitLinear(Linear linear) {
      return new Linear(linear.from(), linear.from() + (linear.to() - linear.from()) * fraction);
    }

    @Override
    public Shape visitCosine(Cosine cosine) {
      return new Cosine(cosine.from(), cosine.to(), cosine.cycles() * fraction);
    }

    @Override
    public Shape visitExponential(Exponential s) {
      return null;
    }

    @Override
    public Shape visitExponentialTo(ExponentialTo s) {
      return null;
    }

    @Override
    public Shape visitPolynomial(Polynomial s) {
      return null;
    }

    @Override
    public Shape visitOneMinusSqrt(OneMinusSqrt s) {
      return null;
    }

    @Override
    public Shape visitInverseSqrt(InverseSqrt s) {
      return null;
    }

    @Override
    public Shape visitStepDecay(StepDecay s) {
      return null;
    }

    @Override
    public Shape visitMilestones(Milestones s) {
      return null;
    }

    @Override
    public Shape visitCyclic(Cyclic s) {
      return null;
    }

    @Override
    public Shape visitCosineRestarts(CosineRestarts s) {
      return null;
    }

    @Override
    public Shape visitOneCycle(OneCycle s) {
      return null;
    }

    @Override
    public Shape visitPlateau(Plateau s) {
      return null;
    }

    @Override
    public Shape visitLogWarmup(LogWarmup s) {
      return null;
    }

    @Override
    public Shape visitLinearGrowth(LinearGrowth s) {
      return null;
    }

    @Override
    public Shape visitStairCycle(StairCycle s) {
      return null;
    }

    @Override
    public Shape visitInverseTimeDecay(InverseTimeDecay s) {
      return null;
    }

    @Override
    public Shape visitPostCycleMomentum(PostCycleMomentum s) {
      return null;
    }

    @Override
    public Shape visitShifted(Shifted s) {
      return null;
    }

    @Override
    public Shape visitReversed(Reversed s) {
      return null;
    }

    @Override
    public Shape visitCosineHardRestarts(CosineHardRestarts s) {
      return null;
    }

    @Override
    public Shape visitSegment(dev.anneal.schedule.Segment s) {
      return null;
    }
  }

  /**
   * Per shape: its formula continued from {@code phaseSteps} to {@code steps} steps, as a shape of
   * that length (a cosine past its end rises again), or {@code null} where it cannot be continued.
   */
  private record Continued(long phaseSteps, long steps) implements ShapeVisitor<Shape> {
    @Override
    public Shape visitConstant(Constant s) {
      return null;
    }

    @Override
    public Shape visitLinear(Linear s) {
      return null;
    }

    @Override
    public Shape visitCosine(Cosine cosine) {
      return new Cosine(cosine.from(), cosine.to(), cosine.cycles() * steps / phaseSteps);
    }

    @Override
    public Shape visitExponential(Exponential s) {
      return null;
    }

    @Override
    public Shape visitExponentialTo(ExponentialTo s) {
      return null;
    }

    @Override
    public Shape visitPolynomial(Polynomial s) {
      return null;
    }

    @Override
    public Shape visitOneMinusSqrt(OneMinusSqrt s) {
      return null;
    }

    @Override
    public Shape visitInverseSqrt(InverseSqrt s) {
      return null;
    }

    @Override
    public Shape visitStepDecay(StepDecay s) {
      return null;
    }

    @Override
    public Shape visitMilestones(Milestones s) {
      return null;
    }

    @Override
    public Shape visitCyclic(Cyclic s) {
      return null;
    }

    @Override
    public Shape visitCosineRestarts(CosineRestarts s) {
      return null;
    }

    @Override
    public Shape visitOneCycle(OneCycle s) {
      return null;
    }

    @Override
    public Shape visitPlateau(Plateau s) {
      return null;
    }

    @Override
    public Shape visitLogWarmup(LogWarmup s) {
      return null;
    }

    @Override
    public Shape visitLinearGrowth(LinearGrowth s) {
      return null;
    }

    @Override
    public Shape visitStairCycle(StairCycle s) {
      return null;
    }

    @Override
    public Shape visitInverseTimeDecay(InverseTimeDecay s) {
      return null;
    }

    @Override
    public Shape visitPostCycleMomentum(PostCycleMomentum s) {
      return null;
    }

    @Override
    public Shape visitShifted(Shifted s) {
      return null;
    }

    @Override
    public Shape visitReversed(Reversed s) {
      return null;
    }

    @Override
    public Shape visitCosineHardRestarts(CosineHardRestarts s) {
      return null;
    }

    @Override
    public Shape visitSegment(dev.anneal.schedule.Segment s) {
      return null;
    }
  }
}
