package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
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
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeVisitor;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.StairCycle;
import dev.anneal.schedule.StepDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A learning-rate schedule seen as transformers sees one: a base learning rate times a relative
 * {@code lambda}, its phases in a normal form so that schedules with the same values at every step
 * compare equal (a held end becomes an open constant phase, equal constants merge, a flat line is a
 * constant).
 *
 * @param base the learning rate the lambda is relative to
 * @param phases the lambda's phases, in normal form
 * @param afterEnd {@link AfterEnd#HOLD} when the last phase is open, else {@link AfterEnd#CONTINUE}
 * @param exact whether {@code base * lambda} is the schedule itself ({@link Scaled}), rather than
 *     absolute values divided by the peak (equal only up to rounding)
 */
record RelativeLambda(double base, List<Phase> phases, AfterEnd afterEnd, boolean exact) {
  static final String PATH = "channels.lr";

  RelativeLambda {
    phases = List.copyOf(phases);
  }

  /**
   * The relative view of {@code lr}.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what transformers lacks
   */
  static RelativeLambda of(Schedule lr) {
    if (lr instanceof Scaled scaled && scaled.schedule() instanceof Sequence sequence) {
      checkShapes(sequence);
      return normal(scaled.factor(), sequence.phases(), sequence.afterEnd(), true);
    }
    if (lr instanceof Sequence sequence) {
      checkShapes(sequence);
      double peak = sequence.range().max();
      if (!(peak > 0) || !Double.isFinite(peak)) {
        throw unsupported(PATH, "transformers schedules are relative to a learning rate above 0; this schedule never rises above "
            + Values.show(peak));
      }
      List<Phase> relative = new ArrayList<>();
      for (Phase phase : sequence.phases()) {
        relative.add(new Phase(divide(phase.shape(), peak), phase.steps()));
      }
      return normal(peak, relative, sequence.afterEnd(), false);
    }
    if (lr instanceof Product) {
      throw unsupported(PATH, "transformers has no product of schedules (ChainedScheduler): a LambdaLR has one lambda");
    }
    throw unsupported(PATH, "transformers has no equivalent of a " + lr.getClass().getSimpleName() + " schedule");
  }

  /** The phases in words, for messages: {@code linear over 100 steps, cosine over 900 steps, then continue}. */
  String describe() {
    String listed = phases.stream()
        .map(p -> p.shape().kind() + (p.isOpen() ? " for ever" : " over " + p.steps() + " steps"))
        .collect(Collectors.joining(", "));
    return afterEnd == AfterEnd.CONTINUE ? listed + ", then its formula continues" : listed;
  }

  private static RelativeLambda normal(double base, List<Phase> given, AfterEnd afterEnd, boolean exact) {
    if (afterEnd == AfterEnd.FAIL) {
      throw unsupported(PATH + ".afterEnd", "transformers schedules have no end: after-end FAIL cannot be written (use HOLD or CONTINUE)");
    }
    List<Phase> phases = new ArrayList<>();
    for (Phase phase : given) {
      Shape shape = flat(phase.shape());
      Phase previous = phases.isEmpty() ? null : phases.get(phases.size() - 1);
      if (previous != null && shape instanceof Constant c && previous.shape().equals(c)) {
        phases.set(phases.size() - 1, new Phase(c, phase.isOpen() ? Phase.OPEN : previous.steps() + phase.steps()));
      } else {
        phases.add(new Phase(shape, phase.steps()));
      }
    }
    Phase last = phases.get(phases.size() - 1);
    if (last.isOpen()) {
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    PastEnd pastEnd = last.shape().accept(PAST_END);
    if (afterEnd == AfterEnd.CONTINUE && pastEnd == PastEnd.SAME_FORMULA) {
      // Its formula does not depend on the phase's length: continued, it is the open-ended phase.
      phases.set(phases.size() - 1, new Phase(last.shape(), Phase.OPEN));
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    if (afterEnd == AfterEnd.HOLD || pastEnd == PastEnd.FLAT) {
      Constant held = new Constant(last.shape().endValue(last.steps()));
      if (last.shape().equals(held)) {
        phases.set(phases.size() - 1, new Phase(held, Phase.OPEN));
      } else {
        phases.add(new Phase(held, Phase.OPEN));
      }
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    return new RelativeLambda(base, phases, AfterEnd.CONTINUE, exact);
  }

  /**
   * The same lambda with every shape of power 1 and every reversed line written as a line: equal to
   * it up to rounding only
   * (except from 1 to 0, where they are the same numbers), so only for comparisons that then check
   * the values step by step.
   */
  RelativeLambda loose() {
    List<Phase> lines = new ArrayList<>();
    for (Phase phase : phases) {
      Shape shape = phase.shape();
      if (shape instanceof Polynomial p && p.power() == 1) {
        shape = new Linear(p.from(), p.to());
      } else if (shape instanceof Reversed r && r.inner() instanceof Linear line) {
        shape = new Linear(line.to(), line.from());
      }
      lines.add(new Phase(shape, phase.steps()));
    }
    return new RelativeLambda(base, lines, afterEnd, false);
  }

  /** A shape with the same values written the one way: a flat line as a {@link Constant}, 1 - t/n as a line. */
  private static Shape flat(Shape shape) {
    if (shape instanceof Linear line && line.from() == line.to()) {
      return new Constant(line.from());
    }
    if (shape instanceof Polynomial p && p.from() == 1 && p.to() == 0 && p.power() == 1) {
      // 0 + 1 * (1 - t/n)^1 and 1 + (0 - 1) * (t/n) are the same double at every t.
      return new Linear(1, 0);
    }
    return shape;
  }

  /** What a last phase of a lambda does past its end, as transformers writes it. */
  private enum PastEnd {
    /** Its formula does not depend on the phase's length: continued, it is the open-ended phase. */
    SAME_FORMULA,
    /** It stays at its end value past its end (a constant, a cosine with hard restarts). */
    FLAT,
    /** It continues a formula that depends on the phase's length. */
    CONTINUED
  }

  /** Per shape: {@link PastEnd}. */
  private static final ShapeVisitor<PastEnd> PAST_END = new ShapeVisitor<>() {
    @Override
    public PastEnd visitConstant(Constant s) {
      return PastEnd.FLAT;
    }

    @Override
    public PastEnd visitLinear(Linear s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitCosine(Cosine s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitExponential(Exponential s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitExponentialTo(ExponentialTo s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitPolynomial(Polynomial s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitOneMinusSqrt(OneMinusSqrt s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitInverseSqrt(InverseSqrt s) {
      return PastEnd.SAME_FORMULA;
    }

    @Override
    public PastEnd visitStepDecay(StepDecay s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitMilestones(Milestones s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitCyclic(Cyclic s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitCosineRestarts(CosineRestarts s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitOneCycle(OneCycle s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitPlateau(Plateau s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitLogWarmup(LogWarmup s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitLinearGrowth(LinearGrowth s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitStairCycle(StairCycle s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitInverseTimeDecay(InverseTimeDecay s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitPostCycleMomentum(PostCycleMomentum s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitShifted(Shifted s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitReversed(Reversed s) {
      return PastEnd.CONTINUED;
    }

    @Override
    public PastEnd visitCosineHardRestarts(CosineHardRestarts s) {
      return PastEnd.FLAT;
    }

    @Override
    public PastEnd visitSegment(Segment s) {
      return PastEnd.CONTINUED;
    }
  };

  /** The shapes transformers has nothing like, reported at the first phase that has one. */
  private static void checkShapes(Sequence sequence) {
    for (int i = 0; i < sequence.phases().size(); i++) {
      String lacks = lacks(sequence.phases().get(i).shape());
      if (lacks != null) {
        throw unsupported(PATH + ".phases[" + i + "]", lacks);
      }
    }
  }

  /** What transformers lacks to run {@code shape}, or {@code null} if nothing. */
  private static String lacks(Shape shape) {
    return shape.accept(LACKS);
  }

  /** Per shape: what transformers lacks to run it, or {@code null} where it has an equivalent. */
  private static final ShapeVisitor<String> LACKS = new ShapeVisitor<>() {
    @Override
    public String visitConstant(Constant constant) {
      return null;
    }

    @Override
    public String visitLinear(Linear linear) {
      return null;
    }

    @Override
    public String visitCosine(Cosine cosine) {
      return null;
    }

    @Override
    public String visitExponential(Exponential exponential) {
      return "transformers has no exponential decay";
    }

    @Override
    public String visitExponentialTo(ExponentialTo exponentialTo) {
      return "transformers has no exponential decay";
    }

    @Override
    public String visitPolynomial(Polynomial polynomial) {
      return null;
    }

    @Override
    public String visitOneMinusSqrt(OneMinusSqrt oneMinusSqrt) {
      return null;
    }

    @Override
    public String visitInverseSqrt(InverseSqrt inverseSqrt) {
      return null;
    }

    @Override
    public String visitStepDecay(StepDecay stepDecay) {
      return "transformers has no step decay";
    }

    @Override
    public String visitMilestones(Milestones milestones) {
      return "transformers has no multi-step (milestones) decay";
    }

    @Override
    public String visitCyclic(Cyclic cyclic) {
      return "transformers has no cyclic schedule";
    }

    @Override
    public String visitCosineRestarts(CosineRestarts cosineRestarts) {
      return "transformers has no cosine with warm restarts of a given period (its hard restarts split"
          + " num_training_steps into equal cycles)";
    }

    @Override
    public String visitOneCycle(OneCycle oneCycle) {
      return "transformers has no one-cycle schedule";
    }

    @Override
    public String visitPlateau(Plateau plateau) {
      return "transformers has no closed-form plateau schedule (reduce_lr_on_plateau follows evaluation metrics)";
    }

    @Override
    public String visitLogWarmup(LogWarmup logWarmup) {
      return "transformers has no logarithmic warm-up (its warm-ups are linear from 0)";
    }

    @Override
    public String visitLinearGrowth(LinearGrowth linearGrowth) {
      return "transformers has no learning-rate range test (growth without end)";
    }

    @Override
    public String visitStairCycle(StairCycle stairCycle) {
      return "transformers has no cyclic schedule";
    }

    @Override
    public String visitInverseTimeDecay(InverseTimeDecay inverseTimeDecay) {
      return "transformers has no inverse-time decay";
    }

    @Override
    public String visitPostCycleMomentum(PostCycleMomentum postCycleMomentum) {
      return "transformers has no momentum schedule";
    }

    @Override
    public String visitShifted(Shifted shifted) {
      return lacks(shifted.inner());
    }

    @Override
    public String visitReversed(Reversed reversed) {
      return lacks(reversed.inner());
    }

    @Override
    public String visitCosineHardRestarts(CosineHardRestarts cosineHardRestarts) {
      return null;
    }

    @Override
    public String visitSegment(Segment segment) {
      // Not lacking a feature as such: divide refuses it as having no equivalent.
      return null;
    }
  };

  /** {@code shape}'s values divided by {@code peak} (only shapes that pass {@link #lacks}). */
  private static Shape divide(Shape shape, double peak) {
    return shape.accept(new Divided(peak));
  }

  /** A shape's values divided by a peak; a shape transformers cannot run has no equivalent. */
  private record Divided(double peak) implements ShapeVisitor<Shape> {
    @Override
    public Shape visitConstant(Constant s) {
      return new Constant(s.value() / peak);
    }

    @Override
    public Shape visitLinear(Linear s) {
      return new Linear(s.from() / peak, s.to() / peak);
    }

    @Override
    public Shape visitCosine(Cosine s) {
      return new Cosine(s.from() / peak, s.to() / peak, s.cycles());
    }

    @Override
    public Shape visitExponential(Exponential s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitExponentialTo(ExponentialTo s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitPolynomial(Polynomial s) {
      return new Polynomial(s.from() / peak, s.to() / peak, s.power());
    }

    @Override
    public Shape visitOneMinusSqrt(OneMinusSqrt s) {
      return new OneMinusSqrt(s.from() / peak, s.to() / peak);
    }

    @Override
    public Shape visitInverseSqrt(InverseSqrt s) {
      return new InverseSqrt(s.peak() / peak, s.timescale(), s.floor() / peak);
    }

    @Override
    public Shape visitStepDecay(StepDecay s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitMilestones(Milestones s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitCyclic(Cyclic s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitCosineRestarts(CosineRestarts s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitOneCycle(OneCycle s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitPlateau(Plateau s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitLogWarmup(LogWarmup s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitLinearGrowth(LinearGrowth s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitStairCycle(StairCycle s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitInverseTimeDecay(InverseTimeDecay s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitPostCycleMomentum(PostCycleMomentum s) {
      return noEquivalent(s);
    }

    @Override
    public Shape visitShifted(Shifted s) {
      return new Shifted(s.inner().accept(this), s.by());
    }

    @Override
    public Shape visitReversed(Reversed s) {
      return new Reversed(s.inner().accept(this));
    }

    @Override
    public Shape visitCosineHardRestarts(CosineHardRestarts s) {
      return new CosineHardRestarts(s.from() / peak, s.to() / peak, s.cycles());
    }

    @Override
    public Shape visitSegment(Segment s) {
      return noEquivalent(s);
    }

    private static Shape noEquivalent(Shape shape) {
      throw unsupported(PATH, "transformers has no equivalent of a " + shape.kind() + " phase");
    }
  }

  static InvalidScheduleException unsupported(String path, String why) {
    return new InvalidScheduleException(ConfigCode.unsupported(path, null, "transformers", why));
  }
}
