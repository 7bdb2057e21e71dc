package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing non-finite ever leaves the model: for seeded random configs of every shape, with
 * extreme fields (huge, tiny, subnormal, negative values; huge lengths; huge cycle counts), either
 * the rules refuse the schedule, or every value at the sampled steps (the phase's boundaries, both
 * sides of its end, random steps and the last steps of the 64-bit range) is finite and inside the
 * schedule's {@link Schedule#range()}. Values are read through {@link Sequence#valueAt(long)},
 * whose finiteness check turns a value the rules missed into an error, so it fails this test.
 */
class ExtremeValuesPropertyTest {
  /** Raise it for a deeper search: {@code -Dextreme.configs=100000}. */
  private static final int CONFIGS_PER_SHAPE = Integer.getInteger("extreme.configs", 3_000);

  /** Values a hand-written or generated config may hold, weighted towards the edges of the double range. */
  private static final double[] EDGES = {
    0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, 1e-300, 1e-30, 1e-8, 0.5, 1, 2, 10, 1e30, 1e300, 1e307, 8.98e307, 1e308,
    1.5e308, Double.MAX_VALUE
  };

  private static final long[] LENGTHS = {
    1, 2, 3, 10, 1L << 31, (1L << 53) - 1, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE / 2, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1
  };

  /** One generator per shape, by the shape's class; {@link #everyShapeHasAGenerator} holds it complete. */
  private static final List<Generator> GENERATORS = List.of(
      new Generator(Constant.class, r -> new Constant(value(r))),
      new Generator(Linear.class, r -> new Linear(value(r), value(r))),
      new Generator(Cosine.class, r -> new Cosine(value(r), value(r), positive(r))),
      new Generator(Exponential.class, r -> new Exponential(value(r), positive(r))),
      new Generator(ExponentialTo.class, r -> new ExponentialTo(value(r), value(r))),
      new Generator(Polynomial.class, r -> new Polynomial(value(r), value(r), positive(r))),
      new Generator(OneMinusSqrt.class, r -> new OneMinusSqrt(value(r), value(r))),
      new Generator(InverseSqrt.class, r -> new InverseSqrt(value(r), positive(r), value(r))),
      new Generator(StepDecay.class, r -> new StepDecay(value(r), length(r), positive(r))),
      new Generator(Milestones.class, r -> new Milestones(value(r), milestones(r), positive(r))),
      new Generator(Cyclic.class, r -> new Cyclic(value(r), value(r), length(r), length(r),
          Cyclic.Mode.values()[r.nextInt(3)], r.nextBoolean() ? positive(r) : r.nextDouble(), r.nextBoolean())),
      new Generator(CosineRestarts.class, r -> new CosineRestarts(value(r), value(r), length(r), r.nextBoolean() ? 1 + r.nextInt(3) : length(r))),
      new Generator(OneCycle.class, r -> new OneCycle(value(r), value(r), value(r), r.nextBoolean() ? r.nextDouble() : value(r),
          OneCycle.Anneal.values()[r.nextInt(2)], r.nextBoolean())),
      new Generator(Plateau.class, r -> new Plateau(value(r), Plateau.Mode.values()[r.nextInt(2)], r.nextBoolean() ? r.nextDouble() : value(r),
          r.nextInt(4), positive(r), Plateau.ThresholdMode.values()[r.nextInt(2)], r.nextInt(3), value(r), positive(r))),
      new Generator(LogWarmup.class, r -> new LogWarmup(value(r), value(r))),
      new Generator(LinearGrowth.class, r -> new LinearGrowth(value(r), value(r), length(r), r.nextBoolean())),
      new Generator(StairCycle.class, r -> new StairCycle(value(r), value(r), length(r), length(r), r.nextInt(6), r.nextBoolean() ? r.nextInt(6) : length(r),
          r.nextBoolean())),
      new Generator(InverseTimeDecay.class, r -> new InverseTimeDecay(value(r), value(r), length(r))),
      new Generator(PostCycleMomentum.class, r -> new PostCycleMomentum(r.nextBoolean() ? r.nextDouble() : value(r), value(r), length(r))),
      new Generator(Shifted.class, r -> new Shifted(inner(r), r.nextBoolean() ? r.nextInt(3) : length(r))),
      new Generator(Reversed.class, r -> new Reversed(inner(r))),
      new Generator(CosineHardRestarts.class, r -> new CosineHardRestarts(value(r), value(r), positive(r))),
      new Generator(Segment.class, r -> new Segment(Segment.Curve.values()[r.nextInt(4)], value(r), value(r), length(r), Math.abs(value(r)),
          r.nextBoolean() ? positive(r) : (double) r.nextLong(1, Long.MAX_VALUE))));

  record Generator(Class<? extends Shape> kind, Function<SplittableRandom, Shape> make) {
    @Override
    public String toString() {
      return kind.getSimpleName();
    }
  }

  static Stream<Generator> generators() {
    return GENERATORS.stream();
  }

  @Test
  void everyShapeHasAGenerator() {
    Set<String> permitted = Arrays.stream(Shape.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> generated = GENERATORS.stream().map(g -> g.kind().getSimpleName()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(permitted, generated);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generators")
  void eitherTheRulesRefuseOrEveryValueIsFinite(Generator generator) {
    // One seed per shape, fixed: a failure names the config, and reruns the same way.
    SplittableRandom random = new SplittableRandom(0xF1_417E + generator.kind().getSimpleName().hashCode());
    int accepted = 0;
    for (int i = 0; i < CONFIGS_PER_SHAPE; i++) {
      Shape shape = generator.make().apply(random);
      long steps = shape.allowsOpenLength() && random.nextInt(4) == 0 ? Phase.OPEN : length(random);
      AfterEnd after = AfterEnd.values()[random.nextInt(AfterEnd.values().length)];
      Sequence schedule;
      try {
        schedule = new Sequence(List.of(new Phase(shape, steps)), after);
      } catch (InvalidScheduleException refused) {
        continue;
      }
      accepted++;
      checkEveryValue(schedule, random);
    }
    // The generator must reach the accepting side too, or the test would prove nothing about it.
    assertTrue(accepted > CONFIGS_PER_SHAPE / 20, generator + ": only " + accepted + " of " + CONFIGS_PER_SHAPE + " configs accepted");
  }

  private static void checkEveryValue(Sequence schedule, SplittableRandom random) {
    Range range = schedule.range();
    for (long step : steps(schedule, random)) {
      double value;
      try {
        value = schedule.valueAt(step);
      } catch (InvalidScheduleException e) {
        if (e.violations().get(0).code() == RuleCode.STEP_BEYOND_END) {
          continue;
        }
        fail(schedule + " passed the rules, but at step " + step + ": " + e.getMessage());
        return;
      }
      double found = value;
      assertTrue(Double.isFinite(value), () -> schedule + " at step " + step + " is " + found);
      if (range.isFinite()) {
        double slack = 1e-12 * Math.max(Math.abs(range.min()), Math.abs(range.max()));
        assertTrue(value >= range.min() - slack && value <= range.max() + slack, () -> schedule + " at step " + step + " is " + found + ", outside " + range);
      }
    }
    if (schedule.isReactive()) {
      checkPlateau(schedule, random);
    }
  }

  /** A plateau's value changes only as metrics arrive: feed it extreme ones. */
  private static void checkPlateau(Sequence schedule, SplittableRandom random) {
    ScheduleState state = schedule.initialState();
    long end = schedule.afterEnd() == AfterEnd.FAIL ? schedule.declaredEnd().orElse(Long.MAX_VALUE) : Long.MAX_VALUE;
    for (int step = 0; step < 40 && step < end; step++) {
      double value = schedule.valueAt(step, state);
      int at = step;
      assertTrue(Double.isFinite(value), () -> schedule + " at step " + at + " is " + value);
      state = schedule.observe(state, step, random.nextBoolean() ? value(random) : step);
    }
  }

  /** Both sides of the phase's end, the first steps, random steps, and the last steps of the 64-bit range. */
  private static List<Long> steps(Sequence schedule, SplittableRandom random) {
    long n = schedule.phases().get(0).steps();
    List<Long> steps = new ArrayList<>(List.of(0L, 1L, 2L, Long.MAX_VALUE / 2, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1));
    for (long delta = -2; delta <= 2; delta++) {
      if (n != Phase.OPEN && n + delta >= 0 && n + delta < Long.MAX_VALUE) {
        steps.add(n + delta);
      }
    }
    for (int i = 0; i < 8; i++) {
      steps.add(random.nextLong(0, Long.MAX_VALUE));
      steps.add(random.nextLong(0, n == Phase.OPEN ? Long.MAX_VALUE : n));
    }
    if (n != Phase.OPEN && n <= Long.MAX_VALUE / 3) {
      steps.add(2 * n);
      steps.add(3 * n - 1);
    }
    return steps;
  }

  /** An inner shape for shifted and reversed phases: any shape but those two. */
  private static Shape inner(SplittableRandom random) {
    Generator generator;
    do {
      generator = GENERATORS.get(random.nextInt(GENERATORS.size()));
    } while (generator.kind() == Shifted.class || generator.kind() == Reversed.class);
    return generator.make().apply(random);
  }

  /** An extreme value or an ordinary one, of either sign. */
  private static double value(SplittableRandom random) {
    double magnitude = switch (random.nextInt(4)) {
      case 0, 1 -> EDGES[random.nextInt(EDGES.length)];
      // Any exponent of the double range, subnormals included.
      case 2 -> Math.pow(2, random.nextDouble(-1074, 1024));
      default -> random.nextDouble(1e-6, 1e3);
    };
    return random.nextInt(3) == 0 ? -magnitude : magnitude;
  }

  private static double positive(SplittableRandom random) {
    double value = Math.abs(value(random));
    return value == 0 ? Double.MIN_VALUE : value;
  }

  private static long length(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> LENGTHS[random.nextInt(LENGTHS.length)];
      case 1 -> random.nextLong(1, Long.MAX_VALUE);
      default -> 1 + random.nextInt(1_000);
    };
  }

  private static List<Long> milestones(SplittableRandom random) {
    List<Long> milestones = new ArrayList<>();
    long at = 0;
    for (int i = random.nextInt(6); i > 0; i--) {
      at += random.nextBoolean() ? random.nextInt(100) : random.nextLong(0, Long.MAX_VALUE / 8);
      milestones.add(at);
    }
    return milestones;
  }
}
