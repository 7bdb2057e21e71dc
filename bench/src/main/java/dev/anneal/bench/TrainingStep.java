package dev.anneal.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the {@link SmallModel}, one JMH fork per {@link TrainingVariant}: each
 * variant's time and allocation per step in a JVM of its own. The ratios to the baselines come from
 * {@link TrainingInterleaved}, which alternates the variants within one JVM and is far less
 * sensitive to the difference between forks (up to ±20% per fork on the shared 2-core machine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {
    "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
    // One intra-op and one inter-op thread: on a shared machine a second PyTorch thread mostly adds noise.
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
// DJL's Java side of a training step takes up to ten seconds of JIT compilation to settle (about
// 1,000 µs a step in the first second, 190 µs after six to ten on the 2-core machine).
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
public class TrainingStep {
  @Param
  public TrainingVariant variant;

  private SmallModel model;

  @Setup(Level.Trial)
  public void setUp() {
    model = new SmallModel(variant);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }

  @Benchmark
  public void step() {
    model.step();
  }
}
