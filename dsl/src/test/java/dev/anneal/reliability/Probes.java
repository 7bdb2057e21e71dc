package dev.anneal.reliability;

import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The steps at which the properties evaluate a schedule: every step of a short schedule, both
 * sides of every phase boundary and of the declared end, seeded random steps, and far horizons
 * around DJL's {@code int} step counter (2^31) and beyond.
 */
final class Probes {
  /** Up to this declared end, every step is probed. */
  static final long EXHAUSTIVE = 400;

  static final long[] FAR = {
    Integer.MAX_VALUE - 1L, Integer.MAX_VALUE, 1L << 31, (1L << 31) + 1, 1L << 32, 3_000_000_000L, 1L << 40, 1L << 53,
    (1L << 53) + 1, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1
  };

  private Probes() {}

  static TreeSet<Long> of(Schedule schedule, long seed) {
    TreeSet<Long> steps = new TreeSet<>();
    TreeSet<Long> boundaries = new TreeSet<>();
    boundaries(schedule, boundaries);
    long end = schedule.declaredEnd().orElse(0);
    boundaries.add(end);
    if (end <= EXHAUSTIVE) {
      for (long step = 0; step <= end + 5; step++) {
        steps.add(step);
      }
    }
    for (long boundary : boundaries) {
      for (long delta = -2; delta <= 2; delta++) {
        add(steps, boundary + delta);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    long horizon = Math.max(end, 1_000) * 3;
    for (int i = 0; i < 40; i++) {
      add(steps, random.nextLong(0, horizon));
    }
    for (long far : FAR) {
      add(steps, far);
    }
    return steps;
  }

  /** The first step of every phase, in every factor and scaled schedule. */
  private static void boundaries(Schedule schedule, TreeSet<Long> out) {
    if (schedule instanceof Product product) {
      product.factors().forEach(factor -> boundaries(factor, out));
      return;
    }
    if (schedule instanceof Scaled scaled) {
      boundaries(scaled.schedule(), out);
      return;
    }
    long start = 0;
    for (Phase phase : schedule.phases()) {
      out.add(start);
      if (phase.isOpen()) {
        return;
      }
      start = start > Long.MAX_VALUE - phase.steps() ? Long.MAX_VALUE : start + phase.steps();
    }
    out.add(start);
  }

  private static void add(TreeSet<Long> steps, long step) {
    if (step >= 0) {
      steps.add(step);
    }
  }
}
