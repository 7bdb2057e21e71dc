package dev.anneal.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random geometries: the conversions agree with a run simulated one update at a time, round
 * trip where they are exact (updates → samples → updates), and give boundaries that never go back.
 */
class GeometryPropertyTest {
  private static final int CASES = 200;

  static Stream<Long> seeds() {
    return IntStream.range(0, CASES).mapToObj(i -> 0x5EED0000L + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void conversionsAgreeWithASimulatedRun(long seed) {
    Random random = new Random(seed);
    RunGeometry geometry = RunGeometry.builder().batchSchedule(randomSchedule(random)).sequenceLength(1 + random.nextInt(4096)).build();
    BatchSchedule batches = geometry.batchSchedule().orElseThrow();
    int updates = 1 + random.nextInt(400);
    long consumed = 0;
    for (int u = 0; u <= updates; u++) {
      assertEquals(consumed, geometry.samplesAfter(u), "seed " + seed + ": samples after " + u);
      // Round trip: the updates that reach the samples of u updates are u (every batch is at least 1).
      assertEquals(u, geometry.updatesToReach(consumed), "seed " + seed + ": updates to reach " + consumed);
      consumed += batches.batchAt(consumed);
    }
    for (int i = 0; i < 50; i++) {
      long samples = 1 + (long) (random.nextDouble() * consumed);
      long reach = geometry.updatesToReach(samples);
      assertTrue(geometry.samplesAfter(reach) >= samples, "seed " + seed + ": reaches " + samples);
      assertTrue(reach == 0 || geometry.samplesAfter(reach - 1) < samples, "seed " + seed + ": the first update that reaches " + samples);
      assertTrue(geometry.updatesToReach(samples + 1) >= reach, "seed " + seed + ": monotonic at " + samples);
    }
    long seq = geometry.sequenceLength().getAsLong();
    long tokens = 1 + (long) (random.nextDouble() * consumed * seq);
    long tokenUpdates = geometry.updates(Length.tokens(tokens), "steps");
    assertTrue(geometry.amountIn(Unit.TOKENS, tokenUpdates).longValueExact() >= tokens, "seed " + seed + ": tokens reached");
    assertTrue(tokenUpdates == 0 || geometry.amountIn(Unit.TOKENS, tokenUpdates - 1).longValueExact() < tokens, "seed " + seed + ": first update");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void epochsRoundTripAndNeverGoBack(long seed) {
    Random random = new Random(seed);
    RunGeometry geometry = RunGeometry.builder().datasetSize(1 + random.nextInt(100_000)).batchSize(1 + random.nextInt(512))
        .dropLast(random.nextBoolean()).gradientAccumulation(1 + random.nextInt(8)).dataParallel(1 + random.nextInt(8)).build();
    if (geometry.updatesPerEpoch().getAsLong() == 0) {
      return;
    }
    long perEpoch = geometry.updatesPerEpoch().getAsLong();
    long previous = 0;
    for (int epochs = 1; epochs <= 20; epochs++) {
      long updates = geometry.updates(Length.epochs(epochs), "steps");
      assertEquals(epochs * perEpoch, updates, "seed " + seed + ": whole epochs are exact");
      assertEquals(epochs, geometry.amountIn(Unit.EPOCHS, updates).intValueExact(), "seed " + seed + ": and back");
      long half = geometry.updates(Length.epochs(epochs - 0.5), "steps");
      assertTrue(previous <= half && half <= updates, "seed " + seed + ": monotonic");
      previous = updates;
    }
  }

  private static BatchSchedule randomSchedule(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> new ConstantBatch(1 + random.nextInt(2048));
      case 1 -> {
        List<BatchSteps.Entry> entries = new ArrayList<>();
        long threshold = 0;
        long batch = 1 + random.nextInt(64);
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
          entries.add(new BatchSteps.Entry(threshold, batch));
          threshold += 1 + random.nextInt(5_000);
          batch += random.nextInt(128);
        }
        yield new BatchSteps(entries);
      }
      default -> {
        long start = 1 + random.nextInt(64);
        long increment = 1 + random.nextInt(32);
        yield new BatchRamp(start, increment, 1 + random.nextInt(20_000), start + increment * random.nextInt(20));
      }
    };
  }
}
