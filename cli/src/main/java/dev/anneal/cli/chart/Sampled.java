package dev.anneal.cli.chart;

import java.util.Arrays;

/**
 * A curve of many steps reduced to at most about {@code 2 × buckets} points for drawing: each
 * bucket of consecutive steps keeps its lowest and its highest value, in step order, so that a
 * cyclic schedule of period 10 over 100,000 steps still shows its full band, and a step change is
 * never smoothed away.
 *
 * @param steps the x of each point kept
 * @param values the y of each point kept
 */
record Sampled(double[] steps, double[] values) {
  static Sampled of(double[] values, int buckets) {
    int n = values.length;
    if (n <= 2 * buckets) {
      double[] steps = new double[n];
      Arrays.setAll(steps, i -> i);
      return new Sampled(steps, values.clone());
    }
    double[] xs = new double[2 * buckets];
    double[] ys = new double[2 * buckets];
    int kept = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      int low = from;
      int high = from;
      for (int i = from + 1; i < to; i++) {
        if (values[i] < values[low]) {
          low = i;
        }
        if (values[i] > values[high]) {
          high = i;
        }
      }
      int first = Math.min(low, high);
      int second = Math.max(low, high);
      xs[kept] = first;
      ys[kept++] = values[first];
      if (second != first) {
        xs[kept] = second;
        ys[kept++] = values[second];
      }
    }
    return new Sampled(Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
  }
}
