package dev.anneal.cli.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss of every update of one epoch, kept where it was computed: adding one costs no device
 * sync; {@link #read()} copies them back once per epoch and device. With several devices an
 * update's loss is the mean of its splits' losses.
 */
final class EpochLosses implements AutoCloseable {
  private final NDManager manager;
  private final Map<Device, List<NDArray>> byDevice = new LinkedHashMap<>();
  private final Map<Device, List<Integer>> updateOf = new LinkedHashMap<>();
  private int updates;

  EpochLosses(NDManager parent) {
    this.manager = parent.newSubManager();
  }

  /** Starts the next update of the epoch. */
  void nextUpdate() {
    updates++;
  }

  /** Keeps the loss of one split of the current update. */
  void add(NDArray loss) {
    NDArray kept = loss.stopGradient();
    kept.attach(manager);
    byDevice.computeIfAbsent(kept.getDevice(), d -> new ArrayList<>()).add(kept);
    updateOf.computeIfAbsent(kept.getDevice(), d -> new ArrayList<>()).add(updates - 1);
  }

  /** The loss of each update of the epoch, in order. */
  float[] read() {
    double[] sums = new double[updates];
    int[] counts = new int[updates];
    for (Map.Entry<Device, List<NDArray>> entry : byDevice.entrySet()) {
      float[] values = NDArrays.stack(new NDList(entry.getValue())).toFloatArray();
      List<Integer> owners = updateOf.get(entry.getKey());
      for (int i = 0; i < values.length; i++) {
        sums[owners.get(i)] += values[i];
        counts[owners.get(i)]++;
      }
    }
    float[] losses = new float[updates];
    for (int i = 0; i < updates; i++) {
      losses[i] = (float) (sums[i] / counts[i]);
    }
    return losses;
  }

  @Override
  public void close() {
    manager.close();
  }
}
