package dev.anneal.config.megatron;

import dev.anneal.rules.Values;
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
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.PostCycleMomentum;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeVisitor;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.StairCycle;
import dev.anneal.schedule.StepDecay;

/**
 * Which shapes Megatron-LM's scheduler has: constant, linear (also a polynomial of power 1),
 * half-period cosine, 1 - sqrt, inverse square root and segments. For every other shape the
 * message names what Megatron lacks.
 */
final class MegatronShapes {
  private MegatronShapes() {}

  /** The shape if Megatron has it, else {@code Unsupported} naming what Megatron lacks. */
  static Shape supported(Shape shape, String path) {
    return shape.accept(new Supported(path));
  }

  /** {@code shape} times {@code factor}, for a relative schedule bound to its base value. */
  static Shape scale(Shape shape, double factor) {
    if (factor == 1) {
      return shape;
    }
    return shape.accept(new Times(factor));
  }

  /**
   * Per shape: the shape (a polynomial of power 1 as a line) where Megatron has it, else {@code
   * Unsupported} naming what Megatron lacks. Shapes that pass here unchanged are decided by the
   * decompiler's phase patterns.
   */
  private record Supported(String path) implements ShapeVisitor<Shape> {
    @Override
    public Shape visitConstant(Constant s) {
      return s;
    }

    @Override
    public Shape visitLinear(Linear s) {
      return s;
    }

    @Override
    public Shape visitCosine(Cosine cosine) {
      if (cosine.cycles() != Cosine.HALF_PERIOD) {
        return lacks("Megatron's cosine runs half a period (cycles 0.5), not cycles " + Values.show(cosine.cycles()));
      }
      return cosine;
    }

    @Override
    public Shape visitExponential(Exponential s) {
      return lacks("Megatron has no exponential decay by a rate per step");
    }

    @Override
    public Shape visitExponentialTo(ExponentialTo s) {
      return lacks("Megatron has no geometric decay (its WSD exponential anneal is 2 * 0.5^r - 1, not a straight line in log space)");
    }

    @Override
    public Shape visitPolynomial(Polynomial polynomial) {
      if (polynomial.power() == 1) {
        return new Linear(polynomial.from(), polynomial.to());
      }
      return lacks("Megatron has no polynomial decay (power " + Values.show(polynomial.power()) + ")");
    }

    @Override
    public Shape visitOneMinusSqrt(OneMinusSqrt s) {
      return s;
    }

    @Override
    public Shape visitInverseSqrt(InverseSqrt s) {
      return s;
    }

    @Override
    public Shape visitStepDecay(StepDecay s) {
      return lacks("Megatron has no step decay");
    }

    @Override
    public Shape visitMilestones(Milestones s) {
      return lacks("Megatron has no milestone (multi-step) decay");
    }

    @Override
    public Shape visitCyclic(Cyclic s) {
      return lacks("Megatron has no cyclic schedule");
    }

    @Override
    public Shape visitCosineRestarts(CosineRestarts s) {
      return lacks("Megatron has no cosine schedule with warm restarts");
    }

    @Override
    public Shape visitOneCycle(OneCycle s) {
      return lacks("Megatron has no one-cycle schedule");
    }

    @Override
    public Shape visitPlateau(Plateau s) {
      return lacks("Megatron has no reduce-on-plateau schedule; its learning rate does not react to metrics");
    }

    @Override
    public Shape visitLogWarmup(LogWarmup s) {
      return s;
    }

    @Override
    public Shape visitLinearGrowth(LinearGrowth s) {
      return s;
    }

    @Override
    public Shape visitStairCycle(StairCycle s) {
      return s;
    }

    @Override
    public Shape visitInverseTimeDecay(InverseTimeDecay s) {
      return s;
    }

    @Override
    public Shape visitPostCycleMomentum(PostCycleMomentum s) {
      return s;
    }

    @Override
    public Shape visitShifted(Shifted s) {
      return s;
    }

    @Override
    public Shape visitReversed(Reversed s) {
      return s;
    }

    @Override
    public Shape visitCosineHardRestarts(CosineHardRestarts s) {
      return s;
    }

    @Override
    public Shape visitSegment(Segment s) {
      return s;
    }

    private Shape lacks(String what) {
      throw PlanDecompiler.unsupported(path, what);
    }
  }

  /** Per shape: its values times {@code factor}; the shapes Megatron has no form for are left as they are. */
  private record Times(double factor) implements ShapeVisitor<Shape> {
    @Override
    public Shape visitConstant(Constant c) {
      return new Constant(c.value() * factor);
    }

    @Override
    public Shape visitLinear(Linear l) {
      return new Linear(l.from() * factor, l.to() * factor);
    }

    @Override
    public Shape visitCosine(Cosine c) {
      return new Cosine(c.from() * factor, c.to() * factor, c.cycles());
    }

    @Override
    public Shape visitExponential(Exponential s) {
      return s;
    }

    @Override
    public Shape visitExponentialTo(ExponentialTo s) {
      return s;
    }

    @Override
    public Shape visitPolynomial(Polynomial s) {
      return s;
    }

    @Override
    public Shape visitOneMinusSqrt(OneMinusSqrt o) {
      return new OneMinusSqrt(o.from() * factor, o.to() * factor);
    }

    @Override
    public Shape visitInverseSqrt(InverseSqrt s) {
      return new InverseSqrt(s.peak() * factor, s.timescale(), s.floor() * factor);
    }

    @Override
    public Shape visitStepDecay(StepDecay s) {
      return s;
    }

    @Override
    public Shape visitMilestones(Milestones s) {
      return s;
    }

    @Override
    public Shape visitCyclic(Cyclic s) {
      return s;
    }

    @Override
    public Shape visitCosineRestarts(CosineRestarts s) {
      return s;
    }

    @Override
    public Shape visitOneCycle(OneCycle s) {
      return s;
    }

    @Override
    public Shape visitPlateau(Plateau s) {
      return s;
    }

    @Override
    public Shape visitLogWarmup(LogWarmup s) {
      return s;
    }

    @Override
    public Shape visitLinearGrowth(LinearGrowth s) {
      return s;
    }

    @Override
    public Shape visitStairCycle(StairCycle s) {
      return s;
    }

    @Override
    public Shape visitInverseTimeDecay(InverseTimeDecay s) {
      return s;
    }

    @Override
    public Shape visitPostCycleMomentum(PostCycleMomentum s) {
      return s;
    }

    @Override
    public Shape visitShifted(Shifted s) {
      return s;
    }

    @Override
    public Shape visitReversed(Reversed s) {
      return s;
    }

    @Override
    public Shape visitCosineHardRestarts(CosineHardRestarts s) {
      return s;
    }

    @Override
    public Shape visitSegment(Segment g) {
      return new Segment(g.curve(), g.from() * factor, g.to() * factor, g.unitsPerStep(), g.origin(), g.span());
    }
  }
}
