package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener.BatchData;
import java.util.HashMap;
import java.util.Map;

/**
 * The mean loss of a run of batches, kept on the device: adding a batch costs no device sync; only
 * {@link #takeMean()} reads the sum back (one sync per device), at the feedback's cadence. Like
 * DJL's loss accumulator, each device's share of a batch counts as one sample of the mean.
 */
final class LossAccumulator {
  private final Map<Device, NDArray> sums = new HashMap<>();
  private long count;

  /** Adds the loss of every device's share of {@code batch}. */
  void add(Trainer trainer, BatchData batch) {
    for (Map.Entry<Device, NDList> entry : batch.getLabels().entrySet()) {
      NDList predictions = batch.getPredictions().get(entry.getKey());
      NDArray sum = sums.computeIfAbsent(
          entry.getKey(), device -> trainer.getManager().zeros(new Shape(), DataType.FLOAT32, device));
      NDArray loss = trainer.getLoss().evaluate(entry.getValue(), predictions).stopGradient();
      sum.addi(loss.sum().toType(DataType.FLOAT32, false));
      count++;
    }
  }

  /** Whether any batch was added since the last {@link #takeMean()}. */
  boolean isEmpty() {
    return count == 0;
  }

  /** The mean loss of the batches added since the last call; resets the accumulator. */
  double takeMean() {
    double total = 0;
    for (NDArray sum : sums.values()) {
      total += sum.getFloat();
      sum.muli(0);
    }
    double mean = total / count;
    count = 0;
    return mean;
  }

  void close() {
    sums.values().forEach(NDArray::close);
    sums.clear();
    count = 0;
  }
}
