package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Formats;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Schedules, plans, reactive states and config formats are immutable and safe to share (see
 * docs/threading.md): {@link #THREADS} threads, released together, evaluate the same random plans
 * in different orders, read and write the same configs, and feed metrics to the same reactive
 * states, and every result equals, bit for bit, what one thread computed alone beforehand.
 */
class ConcurrencyTest {
  static final int THREADS = 8;
  static final int PLANS = 150;

  /** One plan's expected results: values at its probes, explanations, its Anneal JSON, the state after a stalled metric. */
  private record Expected(Plan plan, List<Long> steps, List<Double> values, List<String> explanations, String json, String stalled) {}

  @Test
  void sharedSchedulesPlansFormatsAndStatesGiveEveryThreadTheSameAnswers() throws Exception {
    List<Expected> expected = new ArrayList<>();
    for (int i = 0; i < PLANS; i++) {
      Plan plan = RandomSchedules.plan(0xC0C0L + i);
      expected.add(compute(plan));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<Integer> work = () -> {
          List<Expected> order = new ArrayList<>(expected);
          Collections.shuffle(order, new Random(thread));
          start.await();
          int checked = 0;
          for (Expected e : order) {
            Expected again = compute(e.plan());
            assertEquals(e, again, "thread " + thread);
            assertEquals(e.plan(), Formats.byName("anneal").read(e.json()).plan(), "thread " + thread + " read");
            checked++;
          }
          return checked;
        };
        results.add(pool.submit(work));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(PLANS, result.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Expected compute(Plan plan) {
    List<Long> steps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<String> explanations = new ArrayList<>();
    StringBuilder stalled = new StringBuilder();
    for (String channel : plan.channels().keySet()) {
      Schedule schedule = plan.channel(channel);
      for (long step : Probes.of(schedule, channel.hashCode())) {
        steps.add(step);
        Double value = PlanProperties.valueOrNull(schedule, step);
        values.add(value);
        if (value != null && step < 100_000) {
          explanations.add(schedule.explain(step).toString());
        }
      }
      ScheduleState state = schedule.initialState();
      for (long step = 0; step < 200 && PlanProperties.valueOrNull(schedule, step) != null; step++) {
        stalled.append(schedule.valueAt(step, state)).append(' ');
        state = schedule.observe(state, step, 1.0);
      }
    }
    return new Expected(plan, steps, values, explanations, new AnnealFormat().write(plan), stalled.toString());
  }
}
