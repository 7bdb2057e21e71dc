package dev.anneal.config.megatron;

import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;

/**
 * Which shapes Megatron-LM's scheduler has: constant, linear (also a polynomial of power 1),
 * half-period cosine, 1 - sqrt, inverse square root and segments. For every other shape the
 * message names what Megatron lacks.
 */
final class MegatronShapes {
  private MegatronShapes() {}

  /**
   * The shape (a polynomial of power 1 as a line) where Megatron has it, else {@code Unsupported}
   * naming what Megatron lacks. Shapes that pass here unchanged are decided by the decompiler's
   * phase patterns.
   */
  static Shape supported(Shape shape, String path) {
    return switch (ShapeKind.of(shape)) {
      case COSINE -> {
        Cosine cosine = (Cosine) shape;
        if (cosine.cycles() != Cosine.HALF_PERIOD) {
          throw PlanDecompiler.unsupported(path, "Megatron's cosine runs half a period (cycles 0.5), not cycles " + Values.show(cosine.cycles()));
        }
        yield cosine;
      }
      case POLYNOMIAL -> {
        Polynomial polynomial = (Polynomial) shape;
        if (polynomial.power() == 1) {
          yield new Linear(polynomial.from(), polynomial.to());
        }
        throw PlanDecompiler.unsupported(path, "Megatron has no polynomial decay (power " + Values.show(polynomial.power()) + ")");
      }
      case EXPONENTIAL -> throw PlanDecompiler.unsupported(path, "Megatron has no exponential decay by a rate per step");
      case EXPONENTIAL_TO -> throw PlanDecompiler.unsupported(path,
          "Megatron has no geometric decay (its WSD exponential anneal is 2 * 0.5^r - 1, not a straight line in log space)");
      case STEP -> throw PlanDecompiler.unsupported(path, "Megatron has no step decay");
      case MILESTONES -> throw PlanDecompiler.unsupported(path, "Megatron has no milestone (multi-step) decay");
      case CYCLIC -> throw PlanDecompiler.unsupported(path, "Megatron has no cyclic schedule");
      case COSINE_RESTARTS -> throw PlanDecompiler.unsupported(path, "Megatron has no cosine schedule with warm restarts");
      case ONE_CYCLE -> throw PlanDecompiler.unsupported(path, "Megatron has no one-cycle schedule");
      case PLATEAU -> throw PlanDecompiler.unsupported(path, "Megatron has no reduce-on-plateau schedule; its learning rate does not react to metrics");
      case CONSTANT, LINEAR, ONE_MINUS_SQRT, INVERSE_SQRT, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> shape;
    };
  }

  /**
   * {@code shape} times {@code factor}, for a relative schedule bound to its base value; the
   * shapes Megatron has no form for are left as they are.
   */
  static Shape scale(Shape shape, double factor) {
    if (factor == 1) {
      return shape;
    }
    return switch (ShapeKind.of(shape)) {
      case CONSTANT -> new Constant(((Constant) shape).value() * factor);
      case LINEAR -> {
        Linear l = (Linear) shape;
        yield new Linear(l.from() * factor, l.to() * factor);
      }
      case COSINE -> {
        Cosine c = (Cosine) shape;
        yield new Cosine(c.from() * factor, c.to() * factor, c.cycles());
      }
      case ONE_MINUS_SQRT -> {
        OneMinusSqrt o = (OneMinusSqrt) shape;
        yield new OneMinusSqrt(o.from() * factor, o.to() * factor);
      }
      case INVERSE_SQRT -> {
        InverseSqrt s = (InverseSqrt) shape;
        yield new InverseSqrt(s.peak() * factor, s.timescale(), s.floor() * factor);
      }
      case SEGMENT -> {
        Segment g = (Segment) shape;
        yield new Segment(g.curve(), g.from() * factor, g.to() * factor, g.unitsPerStep(), g.origin(), g.span());
      }
      case EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, STEP, MILESTONES, CYCLIC, COSINE_RESTARTS, ONE_CYCLE, PLATEAU,
          LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED, REVERSED,
          COSINE_HARD_RESTARTS -> shape;
    };
  }
}
