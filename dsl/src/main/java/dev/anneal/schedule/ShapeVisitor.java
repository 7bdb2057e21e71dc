package dev.anneal.schedule;

/**
 * One decision per kind of {@link Shape}, so that the compiler, not a run-time fall-through, makes
 * a decision handle every shape. There are no default methods on purpose: a decision that supports
 * only some shapes still names the others and says explicitly that they have no equivalent. Where
 * most shapes are treated alike, a decision is instead a {@code switch} expression over {@link
 * ShapeKind#of} with no {@code default}, which the compiler also refuses when a kind is missing.
 *
 * <p>Adding a shape: add it to {@link Shape}'s {@code permits}, implement {@link Shape#accept}, and
 * the compiler lists every visitor to extend (among them {@link ShapeKind#of}, which then asks for
 * the new kind's entry in the catalogue, and that entry in turn for an arm in every switch over it).
 *
 * @param <R> what each decision returns
 */
public interface ShapeVisitor<R> {
  /** Handles a {@link Constant}. */
  R visitConstant(Constant constant);

  /** Handles a {@link Linear}. */
  R visitLinear(Linear linear);

  /** Handles a {@link Cosine}. */
  R visitCosine(Cosine cosine);

  /** Handles an {@link Exponential}. */
  R visitExponential(Exponential exponential);

  /** Handles an {@link ExponentialTo}. */
  R visitExponentialTo(ExponentialTo exponentialTo);

  /** Handles a {@link Polynomial}. */
  R visitPolynomial(Polynomial polynomial);

  /** Handles an {@link OneMinusSqrt}. */
  R visitOneMinusSqrt(OneMinusSqrt oneMinusSqrt);

  /** Handles an {@link InverseSqrt}. */
  R visitInverseSqrt(InverseSqrt inverseSqrt);

  /** Handles a {@link StepDecay}. */
  R visitStepDecay(StepDecay stepDecay);

  /** Handles a {@link Milestones}. */
  R visitMilestones(Milestones milestones);

  /** Handles a {@link Cyclic}. */
  R visitCyclic(Cyclic cyclic);

  /** Handles a {@link CosineRestarts}. */
  R visitCosineRestarts(CosineRestarts cosineRestarts);

  /** Handles an {@link OneCycle}. */
  R visitOneCycle(OneCycle oneCycle);

  /** Handles a {@link Plateau}. */
  R visitPlateau(Plateau plateau);

  /** Handles a {@link LogWarmup}. */
  R visitLogWarmup(LogWarmup logWarmup);

  /** Handles a {@link LinearGrowth}. */
  R visitLinearGrowth(LinearGrowth linearGrowth);

  /** Handles a {@link StairCycle}. */
  R visitStairCycle(StairCycle stairCycle);

  /** Handles an {@link InverseTimeDecay}. */
  R visitInverseTimeDecay(InverseTimeDecay inverseTimeDecay);

  /** Handles a {@link PostCycleMomentum}. */
  R visitPostCycleMomentum(PostCycleMomentum postCycleMomentum);

  /** Handles a {@link Shifted}. */
  R visitShifted(Shifted shifted);

  /** Handles a {@link Reversed}. */
  R visitReversed(Reversed reversed);

  /** Handles a {@link CosineHardRestarts}. */
  R visitCosineHardRestarts(CosineHardRestarts cosineHardRestarts);

  /** Handles a {@link Segment}. */
  R visitSegment(Segment segment);
}
