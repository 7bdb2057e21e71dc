package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A training schedule's tracker shared by several threads, as DJL's parameter server updates
 * parameters: in each step {@link #THREADS} threads ask for the learning rate of their own share of
 * the parameters at once (and read the step meanwhile), then one thread ends the step. Every answer
 * is the schedule's value at that step, as a float, and the step advances exactly once per step.
 */
class SharedTrackerTest {
  static final int THREADS = 6;
  static final int STEPS = 300;
  static final int LAYERS = 6;

  @Test
  void everyThreadGetsTheValueOfTheStepInProgress() throws Exception {
    Schedule lr = Schedules.linear(1e-4, 1e-2).over(50).then().cosineTo(1e-4).over(STEPS - 50).build();
    ScheduledTraining schedule = ScheduledTraining.of(lr);
    Tracker tracker = schedule.tracker();
    SequentialBlock block = new SequentialBlock();
    for (int i = 0; i < LAYERS; i++) {
      block.add(Linear.builder().setUnits(3).build());
    }
    try (Model model = Model.newInstance("shared")) {
      model.setBlock(block);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
          .addTrainingListeners(schedule.listener());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(2, 3));
        List<String> ids = new ArrayList<>();
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
          ids.add(pair.getValue().getId());
        }
        assertEquals(2 * LAYERS, ids.size());
        CyclicBarrier beginStep = new CyclicBarrier(THREADS);
        CyclicBarrier endStep = new CyclicBarrier(THREADS, schedule::endStep);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
          List<Future<Integer>> results = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
              int served = 0;
              for (int step = 0; step < STEPS; step++) {
                beginStep.await();
                float expected = (float) lr.valueAt(step);
                for (int p = thread; p < ids.size(); p += THREADS) {
                  long seen = schedule.step();
                  assertTrue(seen == step || seen == step + 1, "step " + step + " read as " + seen);
                  assertEquals(expected, tracker.getNewValue(ids.get(p), step + 1), "parameter " + p + " at step " + step);
                  served++;
                }
                endStep.await();
              }
              return served;
            }));
          }
          int served = 0;
          for (Future<Integer> result : results) {
            served += result.get(2, TimeUnit.MINUTES);
          }
          assertEquals(STEPS * ids.size(), served);
          assertEquals(STEPS, schedule.step());
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }
}
