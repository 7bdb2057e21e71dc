package dev.anneal.config.deepspeed;

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
import java.util.Locale;

/**
 * Which shapes DeepSpeed has no scheduler for at all, whatever the phases around them. A shape not
 * named here may still have no scheduler in its place: the recognisers of DeepSpeed's schedulers
 * decide that for the whole schedule.
 */
final class DeepSpeedShapes {
  private DeepSpeedShapes() {}

  /** What DeepSpeed lacks for {@code shape} in any schedule, in words, or {@code null}. */
  static String lacking(Shape shape) {
    return shape.accept(LACKING);
  }

  private static final ShapeVisitor<String> LACKING = new ShapeVisitor<>() {
    @Override
    public String visitConstant(Constant s) {
      return null;
    }

    @Override
    public String visitLinear(Linear s) {
      return null;
    }

    @Override
    public String visitCosine(Cosine s) {
      return null;
    }

    @Override
    public String visitExponential(Exponential s) {
      return "DeepSpeed has no exponential schedule";
    }

    @Override
    public String visitExponentialTo(ExponentialTo s) {
      return "DeepSpeed has no exponential schedule";
    }

    @Override
    public String visitPolynomial(Polynomial s) {
      return "DeepSpeed has no polynomial decay";
    }

    @Override
    public String visitOneMinusSqrt(OneMinusSqrt s) {
      return "DeepSpeed has no 1 - sqrt decay";
    }

    @Override
    public String visitInverseSqrt(InverseSqrt s) {
      return "DeepSpeed has no inverse-square-root schedule";
    }

    @Override
    public String visitStepDecay(StepDecay s) {
      return "DeepSpeed has no step-decay schedule";
    }

    @Override
    public String visitMilestones(Milestones s) {
      return "DeepSpeed has no multi-step (milestones) schedule";
    }

    @Override
    public String visitCyclic(Cyclic cyclic) {
      if (cyclic.mode() != Cyclic.Mode.TRIANGULAR) {
        return "DeepSpeed has no " + cyclic.mode().name().toLowerCase(Locale.ROOT) + " cyclic schedule (its OneCycle runs one"
            + " triangular cycle, then decays)";
      }
      return null;
    }

    @Override
    public String visitCosineRestarts(CosineRestarts s) {
      return "DeepSpeed has no cosine schedule with restarts";
    }

    @Override
    public String visitOneCycle(OneCycle s) {
      return "DeepSpeed has no counterpart of PyTorch's OneCycleLR (DeepSpeed's OneCycle is triangular, then decays)";
    }

    @Override
    public String visitPlateau(Plateau s) {
      return "DeepSpeed has no reduce-on-plateau schedule";
    }

    @Override
    public String visitLogWarmup(LogWarmup s) {
      return null;
    }

    @Override
    public String visitLinearGrowth(LinearGrowth s) {
      return null;
    }

    @Override
    public String visitStairCycle(StairCycle s) {
      return null;
    }

    @Override
    public String visitInverseTimeDecay(InverseTimeDecay s) {
      return null;
    }

    @Override
    public String visitPostCycleMomentum(PostCycleMomentum s) {
      return null;
    }

    @Override
    public String visitShifted(Shifted s) {
      return null;
    }

    @Override
    public String visitReversed(Reversed s) {
      return null;
    }

    @Override
    public String visitCosineHardRestarts(CosineHardRestarts s) {
      return "DeepSpeed has no cosine schedule with restarts";
    }

    @Override
    public String visitSegment(Segment s) {
      return null;
    }
  };
}
