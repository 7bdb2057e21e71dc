package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The devices to train on, chosen by the engine's GPU count: every GPU (up to {@code maxGpus}) when
 * the engine sees one, else the CPU. With the PyTorch engine a GPU is visible only when DJL loads
 * a CUDA build of libtorch (see the {@code gpu} Maven profile in docs/runtime.md).
 */
public final class TrainingDevices {
  private TrainingDevices() {}

  /** Every GPU the engine sees, or the CPU if it sees none. */
  public static Device[] select() {
    return select(Integer.MAX_VALUE);
  }

  /** At most {@code maxGpus} GPUs, or the CPU if the engine sees none (or {@code maxGpus} is 0). */
  public static Device[] select(int maxGpus) {
    int gpus = Math.min(Engine.getInstance().getGpuCount(), Math.max(maxGpus, 0));
    if (gpus == 0) {
      return new Device[] {Device.cpu()};
    }
    Device[] devices = new Device[gpus];
    for (int i = 0; i < gpus; i++) {
      devices[i] = Device.gpu(i);
    }
    return devices;
  }
}
