package dev.anneal.cli.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What every update of a run applied: its learning rate, momentum (β1 for Adam), weight decay, as
 * the optimizer's kernels took them (rounded to {@code float}), and the loss of its batch before
 * the update. Index = step = the updates applied before it, the index of {@code anneal curve}.
 */
public final class RunLog {
  /** The CSV header, one column per value. */
  public static final String HEADER = "step,lr,momentum,weight_decay,loss";

  private final float[] lr;
  private final float[] momentum;
  private final float[] weightDecay;
  private final float[] loss;

  RunLog(int updates) {
    lr = new float[updates];
    momentum = new float[updates];
    weightDecay = new float[updates];
    loss = new float[updates];
    Arrays.fill(loss, Float.NaN);
  }

  void applied(int step, float lr, float momentum, float weightDecay) {
    this.lr[step] = lr;
    this.momentum[step] = momentum;
    this.weightDecay[step] = weightDecay;
  }

  void losses(int firstStep, float[] losses) {
    System.arraycopy(losses, 0, loss, firstStep, losses.length);
  }

  public int updates() {
    return lr.length;
  }

  public float lr(int step) {
    return lr[step];
  }

  public float momentum(int step) {
    return momentum[step];
  }

  public float weightDecay(int step) {
    return weightDecay[step];
  }

  public float loss(int step) {
    return loss[step];
  }

  /** The mean loss of the last {@code count} updates (all of them if fewer). */
  public double meanLoss(int count) {
    int from = Math.max(0, loss.length - count);
    double sum = 0;
    for (int i = from; i < loss.length; i++) {
      sum += loss[i];
    }
    return sum / (loss.length - from);
  }

  /** Writes {@link #HEADER}, then one line per update; values print so that they parse back to the same float. */
  public void writeCsv(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int step = 0; step < lr.length; step++) {
        line.setLength(0);
        line.append(step).append(',').append(lr[step]).append(',').append(momentum[step]).append(',')
            .append(weightDecay[step]).append(',').append(loss[step]).append('\n');
        out.write(line.toString());
      }
    }
  }
}
