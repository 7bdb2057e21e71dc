package dev.anneal.bench;

import dev.anneal.bench.Suite.Effort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the {@link Suites} interleaved and prints Markdown tables: each round runs every case of a
 * suite once, one JMH fork each with JMH's GC profiler and the {@link CpuTime} profiler, rotating
 * which case goes first, and every {@link Derived} figure (ratio, slope) is computed within a round
 * from CPU time per operation, so that load from other processes on a shared machine neither
 * inflates a score by the time spent waiting for a core nor falls on one side of a ratio only.
 * A case's CPU time in a round is the median over the fork's measured iterations. Reported: per
 * case the medians over rounds of that CPU time and of JMH's wall-clock score per operation,
 * operations per CPU second and bytes allocated per operation; per figure the median and the range
 * over rounds, and whether it meets its target.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.anneal.bench.Compare quick|full [suite ...]}
 * with suites {@code steps tracker training bulk units} (default: all); {@code -Dcases=REGEX} before
 * {@code -cp} keeps only the cases whose label matches (figures that need a left-out case are not
 * printed).
 */
public final class Compare {
  /** {@code -Dcases=REGEX} runs only the cases whose label it finds (default: all). */
  private static final Pattern CASES = Pattern.compile(System.getProperty("cases", ""));

  private Compare() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length == 0 || !Set.of("quick", "full").contains(args[0])) {
      System.err.println("usage: Compare quick|full [steps|tracker|training|bulk ...]");
      System.exit(2);
    }
    boolean full = args[0].equals("full");
    List<String> wanted = Arrays.asList(args).subList(1, args.length);
    System.out.printf(Locale.ROOT, "Configuration %s on %d processors (%s), Java %s%n", args[0],
        Runtime.getRuntime().availableProcessors(), Load.cpuModel(), System.getProperty("java.version"));
    for (Suite suite : Suites.all()) {
      if (wanted.isEmpty() || wanted.contains(suite.name())) {
        run(suite, full ? suite.full() : suite.quick());
      }
    }
  }

  private static void run(Suite suite, Effort effort) throws RunnerException {
    System.out.printf(Locale.ROOT, "%n### %s (%s; load average at start %s)%n%n", suite.name(), effort, Load.average());
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    Map<String, List<Double>> wall = new HashMap<>();
    Map<String, List<Double>> bytes = new HashMap<>();
    Map<String, String> units = new HashMap<>();
    List<List<Double>> derived = new ArrayList<>();
    for (int d = 0; d < suite.derived().size(); d++) {
      derived.add(new ArrayList<>());
    }
    List<Case> cases = suite.cases().stream().filter(c -> CASES.matcher(c.label()).find()).toList();
    if (cases.isEmpty()) {
      System.out.println("(no case matches -Dcases=" + CASES.pattern() + ")");
      return;
    }
    for (int round = 0; round < effort.rounds(); round++) {
      Map<String, Double> thisRound = new HashMap<>();
      for (int i = 0; i < cases.size(); i++) {
        Case measured = cases.get((i + round) % cases.size());
        RunResult result = new Runner(options(measured, effort).build()).runSingle();
        double score = medianOfIterations(result, CpuTime.LABEL);
        double wallScore = result.getPrimaryResult().getScore();
        thisRound.put(measured.label(), score);
        scores.computeIfAbsent(measured.label(), k -> new ArrayList<>()).add(score);
        wall.computeIfAbsent(measured.label(), k -> new ArrayList<>()).add(wallScore);
        bytes.computeIfAbsent(measured.label(), k -> new ArrayList<>()).add(secondary(result, "gc.alloc.rate.norm"));
        units.put(measured.label(), result.getPrimaryResult().getScoreUnit());
        System.err.printf(Locale.ROOT, "  round %d  %-44s cpu %12.3f  wall %12.3f %s  (load %s)%n",
            round + 1, measured.label(), score, wallScore, result.getPrimaryResult().getScoreUnit(), Load.average());
      }
      for (int d = 0; d < suite.derived().size(); d++) {
        derived.get(d).add(valueOf(suite.derived().get(d), thisRound));
      }
    }
    System.out.println("| benchmark | CPU time | wall time | unit | ops per CPU second | B/op |");
    System.out.println("| --- | ---: | ---: | --- | ---: | ---: |");
    for (Case measured : cases) {
      String label = measured.label();
      double median = median(scores.get(label));
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", label, number(median), number(median(wall.get(label))),
          units.get(label), perSecond(median, units.get(label)), number(median(bytes.get(label))));
    }
    if (!suite.derived().isEmpty()) {
      System.out.println();
      System.out.println("| figure | median | range over rounds | target | met |");
      System.out.println("| --- | ---: | --- | --- | --- |");
      for (int d = 0; d < suite.derived().size(); d++) {
        Derived figure = suite.derived().get(d);
        List<Double> values = derived.get(d);
        double median = median(values);
        if (Double.isNaN(median)) {
          continue; // a case it needs was left out by -Dcases
        }
        String met = figure.target().isEmpty() ? "" : figure.met().test(median) ? "yes" : "no";
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f – %.3f | %s | %s |%n", figure.label(), median,
            values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), figure.target(), met);
      }
    }
    System.out.printf(Locale.ROOT, "%nload average at end: %s%n", Load.average());
  }

  /** A figure of one round, or {@code NaN} if a case it needs was not run. */
  private static double valueOf(Derived figure, Map<String, Double> scores) {
    for (String label : figure.cases()) {
      if (!scores.containsKey(label)) {
        return Double.NaN;
      }
    }
    return figure.value().applyAsDouble(scores);
  }

  private static ChainedOptionsBuilder options(Case measured, Effort effort) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(measured.include())
        .forks(1)
        .warmupIterations(effort.warmups())
        .warmupTime(TimeValue.milliseconds(effort.millis()))
        .measurementIterations(effort.measurements())
        .measurementTime(TimeValue.milliseconds(effort.millis()))
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuTime.class)
        .verbosity(VerboseMode.SILENT);
    measured.params().forEach(options::param);
    return options;
  }

  /**
   * The median over a fork's measured iterations of a profiler's result: a garbage collection or a
   * burst of load in one iteration moves it less than it moves the mean.
   */
  private static double medianOfIterations(RunResult result, String name) {
    List<Double> values = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        Result<?> value = iteration.getSecondaryResults().get(name);
        if (value != null) {
          values.add(value.getScore());
        }
      }
    }
    return values.isEmpty() ? Double.NaN : median(values);
  }

  /** A profiler's result, by the end of its name ({@code NaN} if none was reported). */
  private static double secondary(RunResult result, String name) {
    for (String key : result.getSecondaryResults().keySet()) {
      if (key.endsWith(name)) {
        return result.getSecondaryResults().get(key).getScore();
      }
    }
    return Double.NaN;
  }

  private static String perSecond(double score, String unit) {
    double seconds = switch (unit) {
      case "ns/op" -> 1e-9;
      case "us/op" -> 1e-6;
      case "ms/op" -> 1e-3;
      default -> Double.NaN;
    };
    return Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.3g", 1 / (score * seconds));
  }

  /** Three significant digits, without scientific notation for everyday magnitudes. */
  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (value == 0 || Math.abs(value) >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
    return String.format(Locale.ROOT, "%.1e", value);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
