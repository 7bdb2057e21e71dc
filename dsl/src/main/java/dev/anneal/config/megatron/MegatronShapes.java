package dev.anneal.config.megatron;

import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
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
    String lacks = null;
    if (shape instanceof Cyclic) {
      lacks = "Megatron has no cyclic schedule";
    } else if (shape instanceof CosineRestarts) {
      lacks = "Megatron has no cosine schedule with warm restarts";
    } else if (shape instanceof OneCycle) {
      lacks = "Megatron has no one-cycle schedule";
    } else if (shape instanceof Plateau) {
      lacks = "Megatron has no reduce-on-plateau schedule; its learning rate does not react to metrics";
    } else if (shape instanceof StepDecay) {
      lacks = "Megatron has no step decay";
    } else if (shape instanceof Milestones) {
      lacks = "Megatron has no milestone (multi-step) decay";
    } else if (shape instanceof Exponential) {
      lacks = "Megatron has no exponential decay by a rate per step";
    } else if (shape instanceof ExponentialTo) {
      lacks = "Megatron has no geometric decay (its WSD exponential anneal is 2 * 0.5^r - 1, not a straight line in log space)";
    } else if (shape instanceof Polynomial polynomial) {
      if (polynomial.power() == 1) {
        return new Linear(polynomial.from(), polynomial.to());
      }
      lacks = "Megatron has no polynomial decay (power " + Values.show(polynomial.power()) + ")";
    } else if (shape instanceof Cosine cosine && cosine.cycles() != Cosine.HALF_PERIOD) {
      lacks = "Megatron's cosine runs half a period (cycles 0.5), not cycles " + Values.show(cosine.cycles());
    }
    if (lacks != null) {
      throw PlanDecompiler.unsupported(path, lacks);
    }
    return shape;
  }

  /** {@code shape} times {@code factor}, for a relative schedule bound to its base value. */
  static Shape scale(Shape shape, double factor) {
    if (factor == 1) {
      return shape;
    }
    if (shape instanceof Constant c) {
      return new Constant(c.value() * factor);
    } else if (shape instanceof Linear l) {
      return new Linear(l.from() * factor, l.to() * factor);
    } else if (shape instanceof Cosine c) {
      return new Cosine(c.from() * factor, c.to() * factor, c.cycles());
    } else if (shape instanceof OneMinusSqrt o) {
      return new OneMinusSqrt(o.from() * factor, o.to() * factor);
    } else if (shape instanceof InverseSqrt s) {
      return new InverseSqrt(s.peak() * factor, s.timescale(), s.floor() * factor);
    } else if (shape instanceof Segment g) {
      return new Segment(g.curve(), g.from() * factor, g.to() * factor, g.unitsPerStep(), g.origin(), g.span());
    }
    return shape;
  }
}
