package dev.anneal.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.runtime.ScheduledTraining;
import java.util.ArrayList;
import java.util.List;
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
 * The learning-rate tracker as DJL calls it: once per trainable parameter per step, through DJL's
 * own update count ({@link TrackerCalls}). One operation is one training step of a model with
 * {@code parameters} trainable parameters. {@code djlFixed} is DJL's fixed rate (the cost of DJL's
 * call path alone), {@code djlWarmupCosine} DJL's {@code WarmUpTracker} around {@code
 * CosineTracker} (it evaluates the curve for every parameter), {@code annealTracker} the Anneal
 * tracker of {@link WarmupCosine} with its listener ending the step (the curve evaluated once per
 * step, every parameter served from that step's values). The parameters are those of a real DJL
 * model bound by the listener, as in training. Each run of 100,000 steps starts a fresh tracker.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrackerPath {
  private static final int RUN = Curves.HUNDRED_THOUSAND;

  @Param({"1", "10", "200"})
  public int parameters;

  private Model model;
  private Trainer trainer;
  private String[] ids;
  private int step;

  private TrackerCalls fixed;
  private TrackerCalls djl;
  private TrackerCalls anneal;
  private TrainingListener listener;

  @Setup(Level.Trial)
  public void setUp() {
    SequentialBlock block = new SequentialBlock();
    if (parameters == 1) {
      block.add(Linear.builder().setUnits(1).optBias(false).build());
    } else {
      for (int i = 0; i < parameters / 2; i++) {
        block.add(Linear.builder().setUnits(1).build()); // a weight and a bias
      }
    }
    model = Model.newInstance("tracker-path", Device.cpu());
    model.setBlock(block);
    trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optDevices(new Device[] {Device.cpu()}));
    trainer.initialize(new Shape(1, 1));
    List<String> found = new ArrayList<>();
    for (Pair<String, Parameter> pair : block.getParameters()) {
      found.add(pair.getValue().getId());
    }
    if (found.size() != parameters) {
      throw new IllegalStateException("the model has " + found.size() + " parameters, not " + parameters);
    }
    ids = found.toArray(String[]::new);
    startRun();
  }

  /** A fresh tracker of each kind at step 0, as at the start of a training run. */
  private void startRun() {
    step = 0;
    fixed = new TrackerCalls(Tracker.fixed(3e-4f));
    djl = new TrackerCalls(Curves.djlWarmupCosine());
    ScheduledTraining schedule = ScheduledTraining.of(WarmupCosineSchedule.SCHEDULE);
    anneal = new TrackerCalls(schedule.tracker());
    listener = schedule.listener();
    listener.onTrainingBegin(trainer);
  }

  private void endStep() {
    if (++step == RUN) {
      startRun();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
    model.close();
  }

  @Benchmark
  public float djlFixed() {
    float sum = 0;
    for (String id : ids) {
      sum += fixed.learningRate(id);
    }
    endStep();
    return sum;
  }

  @Benchmark
  public float djlWarmupCosine() {
    float sum = 0;
    for (String id : ids) {
      sum += djl.learningRate(id);
    }
    endStep();
    return sum;
  }

  @Benchmark
  public float annealTracker() {
    float sum = 0;
    for (String id : ids) {
      sum += anneal.learningRate(id);
    }
    listener.onTrainingBatch(trainer, null); // what EasyTrain.trainBatch notifies: the step is over
    endStep();
    return sum;
  }
}
