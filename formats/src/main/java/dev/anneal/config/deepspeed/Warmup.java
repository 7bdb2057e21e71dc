package dev.anneal.config.deepspeed;

import dev.anneal.schedule.Linear;
import dev.anneal.schedule.LogWarmup;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Shape;

/**
 * The warm-up of DeepSpeed's {@code WarmupLR} family: from {@code from} towards {@code to} over
 * {@code steps} iterations (DeepSpeed's {@code warmup_num_steps}, at least 2), logarithmic or
 * linear. {@code WarmupLR} and {@code WarmupDecayLR} warm up between learning rates, {@code
 * WarmupCosineLR} between ratios of the optimizer's lr ({@code warmup_min_ratio} to 1).
 */
record Warmup(double from, double to, long steps, WarmupType type) {
  /** DeepSpeed raises every shorter warm-up to this (its log warm-up divides by ln(steps)). */
  static final long MIN_STEPS = 2;

  static final long DEFAULT_STEPS = 1000;

  /** The shape of the warm-up phase, which DeepSpeed evaluates at iterations 0 .. steps - 1. */
  Shape shape() {
    return type == WarmupType.LOG ? new LogWarmup(from, to) : new Linear(from, to);
  }

  Phase phase() {
    return new Phase(shape(), steps);
  }

  /** The warm-up a phase reproduces, or {@code null}. */
  static Warmup of(Phase phase) {
    if (phase.isOpen() || phase.steps() < MIN_STEPS) {
      return null;
    }
    if (phase.shape() instanceof Linear linear) {
      return new Warmup(linear.from(), linear.to(), phase.steps(), WarmupType.LINEAR);
    }
    if (phase.shape() instanceof LogWarmup log) {
      return new Warmup(log.from(), log.to(), phase.steps(), WarmupType.LOG);
    }
    return null;
  }
}
