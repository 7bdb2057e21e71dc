package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Conversion;
import dev.anneal.config.Formats;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of thousands of seeded random valid plans ({@link RandomSchedules}): every value
 * finite and inside the declared range and the channel's bounds at every probed step, up to and
 * past 2^31 (see {@link PlanProperties}); continuity where a phase declares it; an exact Anneal JSON
 * round trip; and every export that a format accepts reads back to the same curve. A failure names
 * the seed, which reproduces the plan.
 */
class RandomPlanPropertiesTest {
  static final int PLANS = 2_000;

  private static final Map<String, AtomicInteger> EXPORTED = new ConcurrentHashMap<>();

  static LongStream seeds() {
    return LongStream.range(0, PLANS).map(i -> 0xA11EA1L * 1_000_003 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyValueIsFiniteAndWithinItsBounds(long seed) {
    Plan plan = RandomSchedules.plan(seed);
    plan.channels().forEach(PlanProperties::assertInBounds);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aPhaseThatContinuesStartsWhereThePreviousEnded(long seed) {
    RandomSchedules.Generated generated = RandomSchedules.forChannel(Plan.LR, new SplittableRandom(seed));
    if (!(generated.schedule() instanceof Sequence sequence)) {
      return; // scaled and product schedules: their sequences are checked on the other seeds
    }
    for (int i = 1; i < sequence.phases().size(); i++) {
      if (!generated.continuous().get(i - 1)) {
        continue;
      }
      Phase previous = sequence.phases().get(i - 1);
      double end = previous.shape().endValue(previous.steps());
      long start = sequence.startOf(i);
      double value = sequence.valueAt(start);
      int phase = i;
      assertTrue(Math.abs(value - end) <= Math.max(PlanProperties.ABSOLUTE, PlanProperties.RELATIVE * Math.abs(end)),
          () -> "phase " + phase + " starts at " + value + " but phase " + (phase - 1) + " ends at " + end + ": " + sequence);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void annealJsonRoundTripIsExact(long seed) {
    Plan plan = RandomSchedules.plan(seed);
    AnnealFormat format = new AnnealFormat();
    String text = format.write(plan);
    Plan read = format.read(text).plan();
    assertEquals(plan, read, () -> "seed " + seed + ":\n" + text);
    for (String channel : plan.channels().keySet()) {
      Schedule expected = plan.channel(channel);
      Schedule actual = read.channel(channel);
      for (long step : Probes.of(expected, seed)) {
        Double want = PlanProperties.valueOrNull(expected, step);
        Double got = PlanProperties.valueOrNull(actual, step);
        assertEquals(want, got, () -> channel + " at step " + step + " (bit for bit), seed " + seed);
      }
    }
  }

  /**
   * A format's {@code write} is the first half of an export; {@code anneal convert} ({@link
   * Conversion#of}) re-reads the text and compares the curves over the horizon before it accepts
   * it (its default horizon: the declared end and a tenth past it). Every export that passes must
   * also agree at every probe, far past that horizon (to 2^63 - 2).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void everySuccessfulExportReadsBackToTheSameCurve(long seed) {
    // Half the seeds draw from every shape, half from what the other formats can express.
    Plan plan = seed % 2 == 0 ? RandomSchedules.plan(seed) : RandomSchedules.exportablePlan(seed);
    for (String name : Formats.names()) {
      if (name.equals(AnnealFormat.NAME)) {
        continue; // exact, bit for bit: annealJsonRoundTripIsExact
      }
      Conversion conversion;
      try {
        conversion = Conversion.of(plan, Formats.byName(name), OptionalLong.empty());
      } catch (InvalidScheduleException refused) {
        ImportOracle.assertWellFormedRefusal(refused);
        EXPORTED.computeIfAbsent(name + " refused", n -> new AtomicInteger()).incrementAndGet();
        continue;
      }
      EXPORTED.computeIfAbsent(name + " exported", n -> new AtomicInteger()).incrementAndGet();
      assertEquals(plan.channels().keySet(), conversion.plan().channels().keySet());
      for (String channel : plan.channels().keySet()) {
        PlanProperties.assertSameCurve("seed " + seed + ", " + name + " " + channel + ", written as\n" + conversion.text() + "\n",
            plan.channel(channel), conversion.plan().channel(channel));
      }
    }
  }

  @AfterAll
  static void report() {
    System.out.println("random plans through anneal convert, by format: " + new TreeMap<>(EXPORTED));
  }
}
