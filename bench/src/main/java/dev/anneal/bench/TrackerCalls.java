package dev.anneal.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

/**
 * How DJL's optimizers ask a learning-rate tracker for a parameter's value: the first lines of
 * {@code Sgd.update} ({@code tracker.getNewValue(parameterId, updateCount(parameterId))}, with
 * DJL's own per-parameter update count), without the NDArray update that follows. Benchmarks call
 * {@link #learningRate} once per parameter per step, as a training step does.
 */
final class TrackerCalls extends Optimizer {
  private final ParameterTracker tracker;

  TrackerCalls(ParameterTracker tracker) {
    super(new Builder());
    this.tracker = tracker;
  }

  /** The learning rate DJL's {@code Sgd} would apply to this parameter in the update in progress. */
  float learningRate(String parameterId) {
    return tracker.getNewValue(parameterId, updateCount(parameterId));
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    learningRate(parameterId);
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
