package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.anneal.checkpoint.ResumePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny models, fixed data and a hand-written loop for the runtime tests (CPU, PyTorch engine). */
final class Tiny {
  static final int IN = 3;
  static final int OUT = 2;

  private Tiny() {}

  /** One linear layer, 3 inputs → 2 outputs, with bias. */
  static Block linear() {
    return new SequentialBlock().add(Linear.builder().setUnits(OUT).build());
  }

  /** Two linear layers, for group tests: {@code 01Linear_weight}, {@code 01Linear_bias}, {@code 02Linear_…}. */
  static Block twoLayers() {
    return new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Linear.builder().setUnits(OUT).build());
  }

  /**
   * Restores {@code params} (saved from a {@link #linear()} model) into a fresh {@link #linear()}
   * model, closed afterwards: for tests of the Anneal state alone.
   */
  static void restore(ScheduledTraining schedule, Path params, ResumePolicy policy) throws IOException {
    try (Model model = model(linear())) {
      Checkpoints.restore(model, schedule, params, policy);
    }
  }

  static Model model(Block block) {
    Model model = Model.newInstance("tiny", Device.cpu());
    model.setBlock(block);
    return model;
  }

  static Trainer trainer(Model model, Optimizer optimizer, ScheduledTraining schedule, Device... devices) {
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(optimizer)
        .optDevices(devices.length == 0 ? new Device[] {Device.cpu()} : devices)
        .addTrainingListeners(schedule.listener());
    Trainer trainer = model.newTrainer(config);
    trainer.initialize(new Shape(4, IN));
    return trainer;
  }

  /** Sets every parameter to fixed, distinct values (no random initialisation anywhere). */
  static void setParameters(Model model) {
    int k = 0;
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      NDArray array = pair.getValue().getArray();
      float[] values = new float[(int) array.size()];
      for (int i = 0; i < values.length; i++, k++) {
        values[i] = (float) (0.5 * Math.sin(1.3 * k + 0.7));
      }
      array.set(values);
    }
  }

  /** Batch {@code b} of a fixed synthetic regression problem: 4 rows of 3 inputs, 2 targets each. */
  static NDList batch(NDManager manager, int b) {
    float[] x = new float[4 * IN];
    float[] y = new float[4 * OUT];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.cos(0.37 * (b * x.length + i) + 0.1);
    }
    for (int r = 0; r < 4; r++) {
      y[r * OUT] = 0.8f * x[r * IN] - 0.3f * x[r * IN + 1] + 0.1f;
      y[r * OUT + 1] = -0.5f * x[r * IN + 2] + 0.2f * x[r * IN] - 0.4f;
    }
    return new NDList(manager.create(x, new Shape(4, IN)), manager.create(y, new Shape(4, OUT)));
  }

  /** Forward and backward of batch {@code b}; gradients stay in the parameters until {@code trainer.step()}. */
  static void backward(Trainer trainer, int b) {
    try (NDManager scope = trainer.getManager().newSubManager()) {
      NDList data = batch(scope, b);
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList predictions = trainer.forward(new NDList(data.get(0)));
        NDArray loss = trainer.getLoss().evaluate(new NDList(data.get(1)), predictions);
        collector.backward(loss);
      }
    }
  }

  /** One hand-written training step: forward, backward, optimizer step, end of the schedule's step. */
  static void step(Trainer trainer, ScheduledTraining schedule, int b) {
    backward(trainer, b);
    trainer.step();
    schedule.endStep();
  }

  /** Every parameter's values, by name. */
  static Map<String, float[]> parameters(Model model) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      out.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** Every parameter's gradient, by name (read before {@code trainer.step()} zeroes it). */
  static Map<String, float[]> gradients(Model model) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      try (NDArray gradient = pair.getValue().getArray().getGradient()) {
        out.put(pair.getKey(), gradient.toFloatArray());
      }
    }
    return out;
  }

  static List<String> names(Model model) {
    List<String> out = new ArrayList<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      out.add(pair.getKey());
    }
    return out;
  }
}
