package dev.anneal.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training-loop overhead of Anneal as ratios of steps per second, measured interleaved in one
 * JVM: one {@link SmallModel} per {@link TrainingVariant}, all warmed up together, then many rounds
 * in which every variant trains a short window of steps (rotating which goes first) and each
 * variant's time is compared with its baseline's <em>in the same round</em>, fractions of a second
 * apart. Times are the benchmark thread's CPU time (PyTorch runs on that thread: one intra-op
 * thread), so load from other processes does not count; allocation is the thread's allocated bytes.
 * Short windows (50 steps, about 10 ms) keep the two sides of a ratio close in time; many rounds
 * make the median precise. Reports, per variant, the medians per step, and over rounds the median
 * of the steps-per-second ratio to the baseline (1.000 = no overhead) with its 95% confidence
 * interval (distribution-free, from order statistics) and the ratio of the total times.
 *
 * <p>One JVM for all variants means DJL's call sites see every optimizer and tracker type (a real
 * run sees one); that costs nanoseconds per parameter, the same for every variant, against steps
 * of about 200 µs.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.anneal.bench.TrainingInterleaved quick|full}
 */
public final class TrainingInterleaved {
  /** How long it runs: warm-up seconds, rounds, and steps per variant per round. */
  private record Config(int warmupSeconds, int rounds, int stepsPerWindow) {}

  private static final Map<String, Config> CONFIGS = Map.of(
      "quick", new Config(20, 150, 50),
      "full", new Config(40, 1_000, 50));

  /** Targets on the ratio of steps per second to the baseline (median over rounds). */
  private static final Map<TrainingVariant, Double> TARGETS = Map.of(
      TrainingVariant.SGD_ANNEAL_TRACKER, 0.99,
      TrainingVariant.SGD_SCHEDULED, 0.95,
      TrainingVariant.SGD_SCHEDULED_PYTORCH_FORM, 0.95,
      TrainingVariant.ADAMW_SCHEDULED, 0.95);

  private TrainingInterleaved() {}

  public static void main(String[] args) {
    Config config = args.length == 1 ? CONFIGS.get(args[0]) : null;
    if (config == null) {
      System.err.println("usage: TrainingInterleaved quick|full");
      System.exit(2);
    }
    // Before DJL loads: no download, no log noise, and PyTorch on the calling thread only.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    TrainingVariant[] variants = TrainingVariant.values();
    Map<TrainingVariant, SmallModel> models = new EnumMap<>(TrainingVariant.class);
    Map<TrainingVariant, List<Window>> windows = new EnumMap<>(TrainingVariant.class);
    Map<TrainingVariant, List<Double>> ratios = new EnumMap<>(TrainingVariant.class);
    try {
      for (TrainingVariant variant : variants) {
        models.put(variant, new SmallModel(variant));
        windows.put(variant, new ArrayList<>());
        ratios.put(variant, new ArrayList<>());
      }
      System.out.printf(Locale.ROOT, "%n### training, interleaved in one JVM (%s; load average at start %s)%n%n", config, Load.average());
      long warmupEnd = System.nanoTime() + config.warmupSeconds() * 1_000_000_000L;
      while (System.nanoTime() < warmupEnd) {
        for (TrainingVariant variant : variants) {
          measure(threads, models.get(variant), config.stepsPerWindow());
        }
      }
      for (int round = 0; round < config.rounds(); round++) {
        Map<TrainingVariant, Window> thisRound = new EnumMap<>(TrainingVariant.class);
        for (int i = 0; i < variants.length; i++) {
          TrainingVariant variant = variants[(i + round) % variants.length];
          Window window = measure(threads, models.get(variant), config.stepsPerWindow());
          thisRound.put(variant, window);
          windows.get(variant).add(window);
        }
        for (TrainingVariant variant : variants) {
          ratios.get(variant).add(thisRound.get(variant.baseline()).cpuMicros() / thisRound.get(variant).cpuMicros());
        }
      }
    } finally {
      models.values().forEach(SmallModel::close);
    }
    print(variants, windows, ratios);
  }

  /** One variant's window: per step, CPU and wall time (µs) and bytes allocated by the thread. */
  private record Window(double cpuMicros, double wallMicros, double bytes) {}

  private static Window measure(com.sun.management.ThreadMXBean threads, SmallModel model, int steps) {
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    long bytes = threads.getCurrentThreadAllocatedBytes();
    for (int step = 0; step < steps; step++) {
      model.step();
    }
    return new Window(
        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / steps,
        (System.nanoTime() - wall) / 1e3 / steps,
        (double) (threads.getCurrentThreadAllocatedBytes() - bytes) / steps);
  }

  private static void print(TrainingVariant[] variants, Map<TrainingVariant, List<Window>> windows, Map<TrainingVariant, List<Double>> ratios) {
    System.out.println("| variant | CPU µs/step | wall µs/step | B/step | steps/s vs baseline: median | 95% CI of the median | ratio of totals | target | met |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |");
    for (TrainingVariant variant : variants) {
      List<Window> measured = windows.get(variant);
      String cpu = String.format(Locale.ROOT, "%.1f", quantile(measured.stream().map(Window::cpuMicros).toList(), 0.5));
      String wall = String.format(Locale.ROOT, "%.1f", quantile(measured.stream().map(Window::wallMicros).toList(), 0.5));
      String bytes = String.format(Locale.ROOT, "%.0f", quantile(measured.stream().map(Window::bytes).toList(), 0.5));
      if (variant.baseline() == variant) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | baseline | | | | |%n", variant, cpu, wall, bytes);
        continue;
      }
      List<Double> ratio = ratios.get(variant);
      double median = quantile(ratio, 0.5);
      double totals = windows.get(variant.baseline()).stream().mapToDouble(Window::cpuMicros).sum()
          / measured.stream().mapToDouble(Window::cpuMicros).sum();
      Double target = TARGETS.get(variant);
      System.out.printf(Locale.ROOT, "| %s vs %s | %s | %s | %s | %.3f | %.3f – %.3f | %.3f | %s | %s |%n",
          variant, variant.baseline(), cpu, wall, bytes, median, medianBound(ratio, -1), medianBound(ratio, 1), totals,
          target == null ? "" : String.format(Locale.ROOT, "≥ %.2f", target),
          target == null ? "" : median >= target ? "yes" : "no");
    }
    System.out.printf(Locale.ROOT, "%nload average at end: %s%n", Load.average());
  }

  /**
   * A bound of the 95% confidence interval of the median ({@code side} -1 lower, 1 upper): the order
   * statistics n/2 ∓ 0.98·√n, which hold whatever the distribution of the values.
   */
  private static double medianBound(List<Double> values, int side) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    int offset = (int) Math.ceil(0.98 * Math.sqrt(n));
    int index = side < 0 ? n / 2 - offset : (n - 1) / 2 + offset;
    return sorted[Math.max(0, Math.min(n - 1, index))];
  }

  /** The {@code q} quantile (linear between neighbours) of the values. */
  private static double quantile(List<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
