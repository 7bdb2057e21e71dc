package dev.anneal.cli.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of an update: {@code trainer.step()}, less the parameter server's copy of every gradient
 * when the run has one device.
 *
 * <p>DJL's {@code LocalParameterServer} sums the gradients of every device into a duplicate of the
 * first before it hands it to the optimizer. On one device there is nothing to sum, and the
 * duplicate is a clone and a free per parameter per update: 3% of an update of the command's MLP
 * (bench/README.md). Here the optimizer gets the parameter's own array and its gradient, the
 * arrays the parameter store holds for the one device, in the order the trainer first used them,
 * through the same {@code Optimizer.update} call: the update is the same, bit for bit. Every
 * optimizer {@code anneal train} builds reads the gradient in a native kernel that copies it first
 * and zeroes it after, as the server's copy left it.
 *
 * <p>On several devices, or when a parameter lives on another device than the one the run trains
 * on (the store then holds a copy), the step is {@code trainer.step()}. The first update goes
 * through {@code trainer.step()} too: it checks once that the gradients were computed.
 */
final class OptimizerStep {
  private final Trainer trainer;
  private final Optimizer optimizer;
  /** The trained parameters when the shortcut applies, else {@code null}. */
  private List<Parameter> parameters;
  private boolean first = true;

  OptimizerStep(Trainer trainer, Optimizer optimizer) {
    this.trainer = trainer;
    this.optimizer = optimizer;
  }

  /** Applies the optimizer to every trained parameter, as {@code trainer.step()} does. */
  void step() {
    if (first) {
      first = false;
      trainer.step();
      parameters = oneDevice(trainer);
      return;
    }
    if (parameters == null) {
      trainer.step();
      return;
    }
    for (Parameter parameter : parameters) {
      NDArray weight = parameter.getArray();
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(parameter.getId(), weight, gradient);
      }
    }
  }

  /** The parameters to update in place of the parameter store, or {@code null} when the store holds copies. */
  private static List<Parameter> oneDevice(Trainer trainer) {
    Device[] devices = trainer.getDevices();
    if (devices.length != 1) {
      return null;
    }
    List<Parameter> trained = new ArrayList<>();
    for (Parameter parameter : trainer.getModel().getBlock().getParameters().values()) {
      if (!parameter.requiresGradient()) {
        continue;
      }
      if (!parameter.getArray().getDevice().equals(devices[0])) {
        return null;
      }
      trained.add(parameter);
    }
    return trained;
  }
}
