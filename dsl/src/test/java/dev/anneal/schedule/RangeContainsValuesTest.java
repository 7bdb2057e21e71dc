package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules prove bounds (a learning rate never below 0, a momentum below 1) from {@link
 * Schedule#range()} instead of evaluating every step, so a range narrower than the truth would
 * let a bad schedule through. For seeded random valid schedules, every value at the boundaries,
 * around them, far past the end and at random steps must be finite and inside the range.
 */
class RangeContainsValuesTest {
  private static final int SCHEDULES = 500;

  static Stream<Long> seeds() {
    return IntStream.range(0, SCHEDULES).mapToObj(i -> 0x5EED_0000L + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyValueLiesInTheDeclaredRange(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Sequence schedule = randomSchedule(random);
    Range range = schedule.range();
    for (long step : probeSteps(schedule, random)) {
      double value = schedule.valueAt(step);
      assertTrue(Double.isFinite(value), () -> schedule + " at step " + step + " is " + value);
      double slack = 1e-12 * Math.max(Math.abs(range.min()), Math.abs(range.max()));
      assertTrue(
          value >= range.min() - slack && value <= range.max() + slack,
          () -> schedule + " at step " + step + " is " + value + ", outside " + range);
    }
  }

  private static List<Long> probeSteps(Sequence schedule, SplittableRandom random) {
    List<Long> steps = new ArrayList<>();
    for (int i = 0; i <= schedule.phases().size(); i++) {
      long start = i < schedule.phases().size() ? schedule.startOf(i) : schedule.declaredEnd().orElse(0);
      for (long delta = -2; delta <= 2; delta++) {
        if (start + delta >= 0 && start + delta < Long.MAX_VALUE) {
          steps.add(start + delta);
        }
      }
    }
    long end = schedule.declaredEnd().orElse(1_000_000);
    for (int i = 0; i < 50; i++) {
      steps.add(random.nextLong(0, end * 3 + 10));
    }
    steps.add(end * 1000);
    return steps;
  }

  private static Sequence randomSchedule(SplittableRandom random) {
    int count = 1 + random.nextInt(4);
    List<Phase> phases = new ArrayList<>();
    double previous = value(random);
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      Shape shape = randomShape(random, previous);
      long steps = last && shape.allowsOpenLength() && random.nextBoolean() ? Phase.OPEN : 1 + random.nextLong(2_000);
      phases.add(new Phase(shape, steps));
      previous = shape.endValue(steps == Phase.OPEN ? 1 : steps);
      if (!Double.isFinite(previous)) {
        previous = value(random);
      }
    }
    Phase lastPhase = phases.get(phases.size() - 1);
    AfterEnd after = AfterEnd.HOLD;
    if (!lastPhase.isOpen() && random.nextBoolean() && lastPhase.shape().rangePastEnd(lastPhase.steps()).isFinite()) {
      after = AfterEnd.CONTINUE;
    }
    return new Sequence(phases, after);
  }

  private static Shape randomShape(SplittableRandom random, double from) {
    double to = value(random);
    double low = Math.min(from, to);
    double high = Math.max(from, to);
    return switch (random.nextInt(14)) {
      case 0 -> new Constant(from);
      case 1 -> new Linear(from, to);
      case 2 -> new Cosine(from, to, random.nextBoolean() ? 0.5 : 0.1 + random.nextDouble(3));
      case 3 -> new Exponential(from, 0.5 + random.nextDouble(0.5));
      case 4 -> new ExponentialTo(high + 1e-9, low + 1e-9);
      case 5 -> new Polynomial(from, to, 0.1 + random.nextDouble(4));
      case 6 -> new OneMinusSqrt(from, to);
      case 7 -> new InverseSqrt(high, 1 + random.nextInt(500), random.nextBoolean() ? 0 : low);
      case 8 -> new StepDecay(from, 1 + random.nextInt(100), 0.1 + random.nextDouble(0.9));
      case 9 -> new Milestones(from, List.of(3L, 10L, 10L, 400L), 0.1 + random.nextDouble(0.9));
      case 10 -> new Cyclic(low, high, 1 + random.nextInt(50), 1 + random.nextInt(50), Cyclic.Mode.values()[random.nextInt(3)], 0.9 + random.nextDouble(0.1), random.nextBoolean());
      case 11 -> new CosineRestarts(high, low, 1 + random.nextInt(40), 1 + random.nextInt(3));
      case 12 -> new OneCycle(low, high, low / 10, 0.3, random.nextBoolean() ? OneCycle.Anneal.COS : OneCycle.Anneal.LINEAR, random.nextBoolean());
      default -> new Plateau(high, Plateau.Mode.MIN, 0.5, 3, 1e-4, Plateau.ThresholdMode.REL, 0, low, 1e-8);
    };
  }

  private static double value(SplittableRandom random) {
    return Math.pow(10, -6 + 5 * random.nextDouble());
  }
}
