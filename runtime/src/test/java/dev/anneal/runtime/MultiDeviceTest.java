package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterServer;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DJL's parameter server with two replicas of a parameter, as a trainer on two devices drives it:
 * it sums the replicas' gradients and calls the optimizer once per replica, so DJL's own update
 * counter advances twice per step. The schedule must still advance once per step and give both
 * replicas the learning rate of that step. (DJL normalises every CPU to one device, so the replicas
 * live on the same CPU here; the parameter server does not care.)
 */
class MultiDeviceTest {
  static final int STEPS = 120;
  static final float[] START = {0.5f, -0.25f, 0.75f};
  static final float[] GRADIENT_0 = {0.3f, -0.7f, 0.2f};
  static final float[] GRADIENT_1 = {0.1f, 0.4f, -0.6f};

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("ScheduledSgd", (Function<ScheduledTraining, Optimizer>) s -> ScheduledSgd.builder(s).build()),
        Arguments.of("DJL Sgd with the Anneal tracker", (Function<ScheduledTraining, Optimizer>) s -> Optimizer.sgd().setLearningRateTracker(s.tracker()).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void theScheduleAdvancesOncePerStepOnTwoReplicas(String name, Function<ScheduledTraining, Optimizer> optimizer) {
    Schedule lr = SgdLearningRateTest.warmupCosine();
    ScheduledTraining schedule = ScheduledTraining.of(lr);
    schedule.bind(Map.of("weight", "weight-id"), 2); // what the listener does for a trainer on two devices
    ParameterServer server = new LocalParameterServer(optimizer.apply(schedule));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray[] replicas = {manager.create(START), manager.create(START)};
      float[] expected = START.clone();
      for (int step = 0; step < STEPS; step++) {
        setGradient(replicas[0], GRADIENT_0);
        setGradient(replicas[1], GRADIENT_1);
        server.update("weight-id", replicas);
        schedule.endStep();
        float rate = (float) lr.valueAt(step);
        for (int i = 0; i < expected.length; i++) {
          float summed = GRADIENT_0[i] + GRADIENT_1[i]; // the parameter server adds the replicas' gradients
          expected[i] = expected[i] - rate * summed;
        }
        assertArrayEquals(expected, replicas[0].toFloatArray(), 0f, "replica 0 after update " + (step + 1));
        assertArrayEquals(expected, replicas[1].toFloatArray(), 0f, "replica 1 after update " + (step + 1));
      }
      assertEquals(STEPS, schedule.step());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void aThirdUpdateWithinOneStepIsRefused(String name, Function<ScheduledTraining, Optimizer> optimizer) {
    ScheduledTraining schedule = ScheduledTraining.of(SgdLearningRateTest.warmupCosine());
    schedule.bind(Map.of("weight", "weight-id"), 2);
    ParameterServer server = new LocalParameterServer(optimizer.apply(schedule));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray[] replicas = {manager.create(START), manager.create(START)};
      setGradient(replicas[0], GRADIENT_0);
      setGradient(replicas[1], GRADIENT_1);
      server.update("weight-id", replicas);
      setGradient(replicas[0], GRADIENT_0);
      setGradient(replicas[1], GRADIENT_1);
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> server.update("weight-id", replicas));
      assertEquals("[StepNotAdvanced] step: parameter weight was updated more than once per device (2 devices) within step 0; the step advances only through the schedule's"
          + " listener (add ScheduledTraining.listener() to the training config) or ScheduledTraining.endStep() after trainer.step()", e.getMessage());
    }
  }

  /** Gives {@code array} the gradient {@code gradient}: the gradient of {@code sum(array · gradient)}. */
  static void setGradient(NDArray array, float[] gradient) {
    array.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector();
        NDArray direction = array.getManager().create(gradient)) {
      collector.backward(array.mul(direction).sum());
    }
  }
}
