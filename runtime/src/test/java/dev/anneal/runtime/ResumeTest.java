package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.schedule.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Train N steps in one go; train k, save, reload into a fresh model and trainer, train N − k: every
 * value applied (the CSV logs) and every parameter must be equal, bit for bit.
 */
class ResumeTest {
  static final int N = 40;
  static final int K = 17;

  /** A plateau learning rate fed a scripted metric after every update: it stalls from update 4 on. */
  static Plan plateauPlan() {
    return Plan.of(Schedules.plateau(0.05).forever().build()).with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build());
  }

  static double scriptedMetric(long updatesApplied) {
    return updatesApplied < 4 ? 1.0 / updatesApplied : 0.3;
  }

  static Stream<Arguments> cases() {
    Function<ScheduledTraining, Optimizer> sgd = s -> ScheduledSgd.builder(s).build();
    Function<ScheduledTraining, Optimizer> adamW = s -> ScheduledAdam.adamW(s).build();
    return Stream.of(
        Arguments.of("sgd one-cycle with momentum", ChannelsTest.oneCycleWithMomentum(), sgd, null),
        Arguments.of("sgd one-cycle with momentum, PyTorch form", ChannelsTest.oneCycleWithMomentum(), ChannelsTest.PYTORCH_SGD, null),
        Arguments.of("adamw beta1 and weight decay", ChannelsTest.adamWithBeta1AndDecay(), adamW, null),
        Arguments.of("sgd plateau (reactive state)", plateauPlan(), sgd, new Feedback.MetricEvery(1, ResumeTest::scriptedMetric)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aResumedRunEqualsTheRunThatNeverStopped(
      String name, Plan plan, Function<ScheduledTraining, Optimizer> optimizer, Feedback feedback, @TempDir Path dir) throws Exception {
    Path straightLog = dir.resolve("straight.csv");
    Path resumedLog = dir.resolve("resumed.csv");
    Map<String, float[]> straight;
    ScheduledTraining one = schedule(plan, feedback, straightLog);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, optimizer.apply(one), one)) {
      Tiny.setParameters(model);
      for (int b = 0; b < N; b++) {
        Tiny.step(trainer, one, b);
      }
      straight = Tiny.parameters(model);
    }

    Path checkpoints = dir.resolve("checkpoints");
    ScheduledTraining first = schedule(plan, feedback, resumedLog);
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, optimizer.apply(first), first)) {
      Tiny.setParameters(model);
      for (int b = 0; b < K; b++) {
        Tiny.step(trainer, first, b);
      }
      Path params = Checkpoints.save(trainer, first, checkpoints, "tiny");
      assertTrue(Files.exists(params.resolveSibling(params.getFileName() + ".anneal")));
    }

    Map<String, float[]> resumed;
    ScheduledTraining second = schedule(plan, feedback, resumedLog);
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, second, Checkpoints.latest(checkpoints, "tiny"), ResumePolicy.FAIL_ON_DIFFERENCE);
      assertEquals(K, second.step());
      try (Trainer trainer = Tiny.trainer(model, optimizer.apply(second), second)) {
        for (int b = K; b < N; b++) {
          Tiny.step(trainer, second, b);
        }
        resumed = Tiny.parameters(model);
      }
    }

    List<String> straightRows = Files.readAllLines(straightLog);
    assertEquals(1 + N * plan.channels().size(), straightRows.size());
    assertEquals(straightRows, Files.readAllLines(resumedLog));
    assertEquals(straight.keySet(), resumed.keySet());
    for (String parameter : straight.keySet()) {
      assertArrayEquals(straight.get(parameter), resumed.get(parameter), 0f, parameter);
    }
  }

  private static ScheduledTraining schedule(Plan plan, Feedback feedback, Path log) {
    ScheduledTraining.Builder builder = ScheduledTraining.builder().setPlan(plan).optCsvLog(log);
    if (feedback != null) {
      builder.optFeedback(feedback);
    }
    return builder.build();
  }
}
