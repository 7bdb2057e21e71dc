package dev.anneal.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation ({@value #LABEL},
 * in the benchmark's time unit): the process's CPU time over an iteration divided by the operations
 * it measured. JMH's own score is wall-clock time, which on a machine shared with other work also
 * counts the time the benchmark thread waited for a core; CPU time does not, so ratios of CPU times
 * stay meaningful under load. It counts every thread of the JVM (the benchmark thread, the garbage
 * collector, the JIT compiler, PyTorch's threads), so allocation and compilation costs are in it.
 */
public final class CpuTime implements InternalProfiler {
  /** The name of the secondary result. */
  public static final String LABEL = "cpu.time.per.op";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation (not counting time spent waiting for a core)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long usedNanos = os.getProcessCpuTime() - startNanos;
    long operations = result.getMetadata().getMeasuredOps();
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double perOperation = (double) usedNanos / TimeUnit.NANOSECONDS.convert(1, unit) / operations;
    return List.of(new ScalarResult(LABEL, perOperation, unitName(unit) + "/op", AggregationPolicy.AVG));
  }

  private static String unitName(TimeUnit unit) {
    return switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      case SECONDS -> "s";
      default -> unit.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
