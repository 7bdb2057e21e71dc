package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The training-step cost of Anneal's tracker and listener against DJL's fixed learning rate on the
 * same model: repeated, interleaved runs of the same loop ({@code EasyTrain.trainBatch} +
 * {@code trainer.step()}), reporting the median time per step of each variant and their ratio. Not
 * a test (no timing is asserted anywhere); run it with the test classpath:
 * {@code java -cp runtime/target/classes:runtime/target/test-classes:<deps> dev.anneal.runtime.OverheadBenchmark}.
 */
public final class OverheadBenchmark {
  private static final int STEPS = 1500;
  private static final int ROUNDS = 7;

  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] names = {"DJL Sgd, fixed lr", "DJL Sgd, Anneal tracker + listener", "ScheduledSgd + listener"};
    List<List<Double>> perStep = new ArrayList<>();
    for (int v = 0; v < names.length; v++) {
      perStep.add(new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS + 1; round++) {
      for (int v = 0; v < names.length; v++) {
        double micros = run(v);
        if (round > 0) { // round 0 warms the JIT and the engine up
          perStep.get(v).add(micros);
        }
      }
    }
    double base = median(perStep.get(0));
    for (int v = 0; v < names.length; v++) {
      double median = median(perStep.get(v));
      System.out.printf(Locale.ROOT, "%-36s median %8.1f µs/step  ratio %.3f  runs %s%n", names[v], median, median / base, perStep.get(v));
    }
  }

  private static double run(int variant) throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(SgdLearningRateTest.warmupCosine());
    Optimizer optimizer = switch (variant) {
      case 0 -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
      case 1 -> Optimizer.sgd().setLearningRateTracker(schedule.tracker()).optMomentum(0.9f).build();
      default -> ScheduledSgd.builder(schedule).optMomentum(0.9f).build();
    };
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
    if (variant > 0) {
      config.addTrainingListeners(schedule.listener());
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); Model model = Model.newInstance("mlp", Device.cpu())) {
      model.setBlock(new SequentialBlock()
          .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
          .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
          .add(Linear.builder().setUnits(1).build()));
      float[] x = new float[32 * 16 * 8];
      float[] y = new float[32 * 8];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(0.77 * i);
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) Math.cos(0.31 * i);
      }
      ArrayDataset data = new ArrayDataset.Builder()
          .setData(manager.create(x, new Shape(y.length, 16))).optLabels(manager.create(y, new Shape(y.length, 1)))
          .setSampling(32, false).build();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(32, 16));
        int steps = 0;
        long start = 0;
        while (steps < STEPS + 50) {
          for (Batch batch : trainer.iterateDataset(data)) {
            if (steps == 50) {
              start = System.nanoTime();
            }
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
            batch.close();
            steps++;
          }
        }
        return (System.nanoTime() - start) / 1e3 / (steps - 50);
      }
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
