package dev.anneal.config.deepspeed;

import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
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
    return switch (ShapeKind.of(shape)) {
      case EXPONENTIAL, EXPONENTIAL_TO -> "DeepSpeed has no exponential schedule";
      case POLYNOMIAL -> "DeepSpeed has no polynomial decay";
      case ONE_MINUS_SQRT -> "DeepSpeed has no 1 - sqrt decay";
      case INVERSE_SQRT -> "DeepSpeed has no inverse-square-root schedule";
      case STEP -> "DeepSpeed has no step-decay schedule";
      case MILESTONES -> "DeepSpeed has no multi-step (milestones) schedule";
      case CYCLIC -> {
        Cyclic cyclic = (Cyclic) shape;
        if (cyclic.mode() != Cyclic.Mode.TRIANGULAR) {
          yield "DeepSpeed has no " + cyclic.mode().name().toLowerCase(Locale.ROOT) + " cyclic schedule (its OneCycle runs one"
              + " triangular cycle, then decays)";
        }
        yield null;
      }
      case COSINE_RESTARTS, COSINE_HARD_RESTARTS -> "DeepSpeed has no cosine schedule with restarts";
      case ONE_CYCLE -> "DeepSpeed has no counterpart of PyTorch's OneCycleLR (DeepSpeed's OneCycle is triangular, then decays)";
      case PLATEAU -> "DeepSpeed has no reduce-on-plateau schedule";
      case CONSTANT, LINEAR, COSINE, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED,
          REVERSED, SEGMENT -> null;
    };
  }
}
