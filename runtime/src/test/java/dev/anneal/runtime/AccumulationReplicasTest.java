package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterServer;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation and two data-parallel replicas, with real DJL trainers: each update is two
 * micro-batches on each of two replicas, and the schedule advances once per update, never per
 * {@code trainBatch}, per parameter or per replica.
 *
 * <p>What is real and what is arranged: DJL's PyTorch engine knows one CPU device ({@code
 * Device.of("cpu", 1)} is {@code cpu()}, and a trainer refuses duplicated devices), so a trainer on
 * two devices cannot be built here. Each replica is instead a model with its own real {@link
 * Trainer}: replica 0's trainer carries the schedule's listener and is fed through {@code
 * EasyTrain.trainBatch} (which notifies the listener after every micro-batch), replica 1's computes
 * its gradients through its own trainer's forward and backward. DJL's {@link LocalParameterServer}
 * then applies each parameter's update to both replicas, summing their gradients and calling the
 * optimizer once per replica, exactly as a trainer on two devices has its parameter store do. The
 * schedule is told of the two replicas as the listener tells it of a trainer's devices.
 */
class AccumulationReplicasTest {
  /** 48 rows in loader batches of 4 on each of 2 processes, 2 batches per update: 12 / 2 = 6 batches, 3 updates per epoch. */
  static final RunGeometry GEOMETRY = RunGeometry.builder().datasetSize(48).batchSize(4).dataParallel(2).gradientAccumulation(2).build();
  static final int UPDATES_PER_EPOCH = 3;
  static final int MICRO_BATCHES = 2;
  static final int EPOCHS = 3;
  /** StepLR(step_size=1, gamma=0.5) stepped after each epoch, from 0.1: the rate of epochs 0, 1, 2. */
  static final double[] LR_PER_EPOCH = {0.1, 0.05, 0.025};

  @Test
  void accumulationAndReplicasAdvanceTheScheduleOncePerUpdate() {
    Schedule lr = Schedules.stepDecay(0.1, 1, 0.5).forever().steppedPerEpoch().build(GEOMETRY);
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(Plan.of(lr)).optGeometry(GEOMETRY).build();
    assertEquals(UPDATES_PER_EPOCH, schedule.updatesPerEpoch().getAsLong());
    Optimizer optimizer = ScheduledSgd.builder(schedule).build();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Model model0 = Tiny.model(Tiny.linear());
        Model model1 = Tiny.model(Tiny.linear());
        Trainer replica0 = Tiny.trainer(model0, optimizer, schedule);
        Trainer replica1 = model1.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optDevices(new Device[] {Device.cpu()}))) {
      replica1.initialize(new Shape(4, Tiny.IN));
      Tiny.setParameters(model0);
      Tiny.setParameters(model1);
      Map<String, Parameter> parameters0 = parameters(model0);
      Map<String, Parameter> parameters1 = parameters(model1);
      Map<String, String> ids = new LinkedHashMap<>();
      parameters0.forEach((name, parameter) -> ids.put(name, parameter.getId()));
      schedule.bind(ids, 2); // what the listener does for a trainer on two devices
      ParameterServer server = new LocalParameterServer(optimizer);

      int batch = 0;
      int trainBatchCalls = 0;
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int u = 0; u < UPDATES_PER_EPOCH; u++) {
          int update = epoch * UPDATES_PER_EPOCH + u;
          for (int micro = 0; micro < MICRO_BATCHES; micro++) {
            try (Batch data = batch(manager, batch++)) {
              EasyTrain.trainBatch(replica0, data); // notifies the listener: ends the previous update, if one is open
            }
            trainBatchCalls++;
            Tiny.backward(replica1, batch++);
          }
          assertEquals(update, schedule.step(), "the step before update " + update + ", after " + trainBatchCalls + " trainBatch calls");
          Map<String, float[]> before = Tiny.parameters(model0);
          Map<String, float[]> gradients0 = Tiny.gradients(model0);
          Map<String, float[]> gradients1 = Tiny.gradients(model1);
          for (String name : parameters0.keySet()) {
            server.update(parameters0.get(name).getId(),
                new NDArray[] {parameters0.get(name).getArray(), parameters1.get(name).getArray()});
          }
          float rate = (float) LR_PER_EPOCH[epoch];
          for (String name : before.keySet()) {
            float[] expected = new float[before.get(name).length];
            for (int i = 0; i < expected.length; i++) {
              float summed = gradients0.get(name)[i] + gradients1.get(name)[i]; // the parameter server adds the replicas' gradients
              expected[i] = before.get(name)[i] - rate * summed;
            }
            assertArrayEqualsExactly(expected, Tiny.parameters(model0).get(name), name + " on replica 0 after update " + update);
            assertArrayEqualsExactly(expected, Tiny.parameters(model1).get(name), name + " on replica 1 after update " + update);
          }
        }
        replica0.notifyListeners(listener -> listener.onEpoch(replica0)); // EasyTrain.fit's end of an epoch: checks the epoch's length
      }
      assertEquals((long) EPOCHS * UPDATES_PER_EPOCH, schedule.step());
      assertEquals(2 * schedule.step(), trainBatchCalls);
    }
  }

  private static void assertArrayEqualsExactly(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 0f, what + " [" + i + "]");
    }
  }

  private static Map<String, Parameter> parameters(Model model) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      out.put(pair.getKey(), pair.getValue());
    }
    return out;
  }

  /** {@link Tiny#batch} as a DJL batch. */
  private static Batch batch(NDManager manager, int b) {
    NDManager scope = manager.newSubManager();
    NDList data = Tiny.batch(scope, b);
    return new Batch(scope, new NDList(data.get(0)), new NDList(data.get(1)), 4, Batchifier.STACK, Batchifier.STACK, b, 0);
  }
}
