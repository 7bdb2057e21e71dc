package dev.anneal.cli.data;

import java.util.Random;

/**
 * The data divided into examples to train on and examples held out to measure accuracy, with every
 * feature standardised (mean 0, standard deviation 1) by the statistics of the training rows only,
 * so that nothing of the held-out rows leaks into training. A feature that is constant in the
 * training rows is only centred.
 *
 * @param train the examples to train on
 * @param heldOut the examples held out
 */
public record Split(Examples train, Examples heldOut) {
  /** The fraction of rows held out. */
  public static final double HELD_OUT = 0.2;

  /** The fewest rows that leave at least one row on each side. */
  public static final int MIN_ROWS = 10;

  /**
   * Shuffles the rows with {@code seed}, holds out {@link #HELD_OUT} of them (rounded down, at least
   * one) and standardises both parts by the training rows.
   *
   * @throws IllegalArgumentException if {@code data} has fewer than {@link #MIN_ROWS} rows (readers check this first)
   */
  public static Split of(LabeledData data, long seed) {
    int rows = data.rows();
    if (rows < MIN_ROWS) {
      throw new IllegalArgumentException("need at least " + MIN_ROWS + " rows, got " + rows);
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = rows - 1; i > 0; i--) { // Fisher–Yates
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int heldOut = Math.max(1, (int) (rows * HELD_OUT));
    int train = rows - heldOut;
    int columns = data.featureCount();
    double[] mean = new double[columns];
    double[] scale = new double[columns];
    for (int c = 0; c < columns; c++) {
      double sum = 0;
      for (int i = 0; i < train; i++) {
        sum += data.feature(order[i], c);
      }
      mean[c] = sum / train;
      double squares = 0;
      for (int i = 0; i < train; i++) {
        double d = data.feature(order[i], c) - mean[c];
        squares += d * d;
      }
      double deviation = Math.sqrt(squares / train);
      scale[c] = deviation > 0 ? 1 / deviation : 1;
    }
    return new Split(part(data, order, 0, train, mean, scale), part(data, order, train, rows, mean, scale));
  }

  private static Examples part(LabeledData data, int[] order, int from, int to, double[] mean, double[] scale) {
    int columns = data.featureCount();
    float[] features = new float[(to - from) * columns];
    float[] labels = new float[to - from];
    for (int i = from; i < to; i++) {
      int row = order[i];
      for (int c = 0; c < columns; c++) {
        features[(i - from) * columns + c] = (float) ((data.feature(row, c) - mean[c]) * scale[c]);
      }
      labels[i - from] = data.label(row);
    }
    return new Examples(to - from, columns, features, labels);
  }
}
