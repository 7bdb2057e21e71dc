package dev.anneal.cli.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

  /**
   * Takes rows {@code 0 … updates - 1} from {@code csv}, a file {@link #writeCsv} wrote: the updates
   * a resumed run applied before its checkpoint, so that its log is the whole run's.
   *
   * @throws IOException if the file cannot be read or holds fewer rows
   */
  void readCsv(Path csv, int updates) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.size() < updates + 1 || !lines.get(0).equals(HEADER)) {
      throw new IOException(csv + " holds " + Math.max(0, lines.size() - 1) + " updates under the header '" + (lines.isEmpty() ? "" : lines.get(0))
          + "', not the " + updates + " before the checkpoint under '" + HEADER + "'");
    }
    for (int step = 0; step < updates; step++) {
      String[] row = lines.get(step + 1).split(",");
      applied(step, Float.parseFloat(row[1]), Float.parseFloat(row[2]), Float.parseFloat(row[3]));
      loss[step] = Float.parseFloat(row[4]);
    }
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
    writeCsv(file, lr.length);
  }

  /** Writes {@link #HEADER}, then the lines of the first {@code updates} updates. */
  void writeCsv(Path file, int updates) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int step = 0; step < updates; step++) {
        line.setLength(0);
        line.append(step).append(',').append(lr[step]).append(',').append(momentum[step]).append(',')
            .append(weightDecay[step]).append(',').append(loss[step]).append('\n');
        out.write(line.toString());
      }
    }
  }
}
