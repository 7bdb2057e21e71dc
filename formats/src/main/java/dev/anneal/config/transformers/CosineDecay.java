package dev.anneal.config.transformers;

import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Shape;

/**
 * The cosine factor of transformers' cosine schedules, {@code 0.5 * (1 + cos(π * num_cycles * 2 *
 * progress))}, brought to a floor as upstream does ({@code factor * (1 - floor) + floor}), for
 * every {@code num_cycles} upstream runs. {@link Cosine} takes only positive counts; upstream also
 * runs the two others:
 *
 * <ul>
 *   <li>0: the angle is 0 at every step and the factor exactly 1, so the lambda is the constant
 *       {@code 1.0 * (1 - floor) + floor};
 *   <li>a negative count: the angle is the exact negation of the positive count's, and cosine is
 *       even, so the curve is that of {@code -num_cycles}, to the last bit.
 * </ul>
 */
final class CosineDecay {
  private CosineDecay() {}

  /** The factor from 1 down to {@code floor} over a phase, for any finite {@code numCycles}. */
  static Shape shape(double floor, double numCycles) {
    if (isFlat(numCycles)) {
      return new Constant(flatValue(floor));
    }
    return new Cosine(1, floor, Math.abs(numCycles));
  }

  /** Whether {@code numCycles} is 0, so that the factor stays 1. */
  static boolean isFlat(double numCycles) {
    return numCycles == 0;
  }

  /** Upstream's lambda when the factor is 1: {@code 1.0 * (1 - floor) + floor}, which need not be exactly 1. */
  static double flatValue(double floor) {
    return 1.0 * (1 - floor) + floor;
  }

  /**
   * Reports a count of 0 or below: {@code flatAfterwards} says what the learning rate does after the
   * warm-up when the count is 0, from "holds the learning rate" on.
   */
  static void warn(LambdaBuilder lambda, double numCycles, String flatAfterwards) {
    if (isFlat(numCycles)) {
      lambda.warn(TransformersCode.numCyclesZero(TransformersFunction.Names.CYCLES, flatAfterwards));
    } else if (numCycles < 0) {
      lambda.warn(TransformersCode.numCyclesNegative(TransformersFunction.Names.CYCLES, numCycles, -numCycles));
    }
  }
}
