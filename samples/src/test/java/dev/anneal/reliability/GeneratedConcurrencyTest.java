package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.samples.GptLearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A generated schedule is immutable and shared by every thread; a stepper is a cursor each training
 * loop owns (docs/threading.md). Threads released together, each with its own stepper over the
 * one shared {@code SCHEDULE}, and each calling {@code valueAt} on it meanwhile, all walk exactly
 * the values one thread walks alone.
 */
class GeneratedConcurrencyTest {
  static final int THREADS = 8;
  static final int STEPS = 120_000;

  @Test
  void threadsWithTheirOwnSteppersOverTheSharedScheduleWalkTheSameValues() throws Exception {
    GptLearningRateSchedule shared = GptLearningRateSchedule.SCHEDULE;
    double[] alone = new double[STEPS];
    GptLearningRateSchedule.Stepper stepper = shared.stepper();
    for (int i = 0; i < STEPS; i++) {
      alone[i] = stepper.next();
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<double[]>> walks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        walks.add(pool.submit(() -> {
          GptLearningRateSchedule.Stepper own = shared.stepper();
          double[] walked = new double[STEPS];
          start.await();
          for (int i = 0; i < STEPS; i++) {
            walked[i] = own.next();
            assertEquals(walked[i], shared.valueAt(i), "valueAt " + i);
          }
          return walked;
        }));
      }
      start.countDown();
      for (Future<double[]> walk : walks) {
        assertArrayEquals(alone, walk.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
