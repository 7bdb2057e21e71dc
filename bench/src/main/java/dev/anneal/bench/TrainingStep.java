package dev.anneal.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.TrainingSchedule;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.util.Iterator;
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
 * One training step of a small model (a 16-64-64-1 MLP, batch 32, L2 loss, CPU): {@code
 * EasyTrain.trainBatch} and {@code trainer.step()} over an in-memory dataset, the same model, data
 * and loop for every {@link Variant}; only the optimizer and the listener differ. Run the variants
 * interleaved with {@link Compare} (suite {@code training}), which reports the ratios; running this class alone
 * gives each variant's time and allocation per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {
    "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
    // One intra-op and one inter-op thread: on a shared machine a second PyTorch thread mostly adds noise.
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
public class TrainingStep {
  /** Long enough that no run leaves the warm-up and cosine phases. */
  private static final long LENGTH = 10_000_000;
  private static final int SAMPLES = 512;
  private static final int FEATURES = 16;
  private static final int BATCH = 32;

  /** What drives the optimizer. */
  public enum Variant {
    /** DJL's {@code Sgd}, momentum 0.9 and weight decay 1e-4, fixed learning rate: the baseline of the SGD variants. */
    SGD_FIXED,
    /** DJL's {@code Sgd} as above, learning rate from DJL's {@code WarmUpTracker} around {@code CosineTracker}. */
    SGD_DJL_TRACKERS,
    /** DJL's {@code Sgd} as above, learning rate from Anneal's tracker, with Anneal's listener. */
    SGD_ANNEAL_TRACKER,
    /** Anneal's {@code ScheduledSgd}: learning rate, momentum and weight decay scheduled, with the listener. */
    SGD_SCHEDULED,
    /** DJL's {@code AdamW}, weight decay 0.01, fixed learning rate: the baseline of the AdamW variant. */
    ADAMW_FIXED,
    /** Anneal's {@code ScheduledAdam.adamW}: learning rate, β1 and weight decay scheduled, with the listener. */
    ADAMW_SCHEDULED
  }

  @Param
  public Variant variant;

  private NDManager manager;
  private Model model;
  private Trainer trainer;
  private ArrayDataset data;
  private Iterator<Batch> batches;

  @Setup(Level.Trial)
  public void setUp() throws IOException, TranslateException {
    manager = NDManager.newBaseManager(Device.cpu());
    float[] x = new float[SAMPLES * FEATURES];
    float[] y = new float[SAMPLES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(0.77 * i);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) Math.cos(0.31 * i);
    }
    data = new ArrayDataset.Builder()
        .setData(manager.create(x, new Shape(SAMPLES, FEATURES)))
        .optLabels(manager.create(y, new Shape(SAMPLES, 1)))
        .setSampling(BATCH, false)
        .build();
    model = Model.newInstance("mlp", Device.cpu());
    model.setBlock(new SequentialBlock()
        .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(1).build()));
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optDevices(new Device[] {Device.cpu()});
    configure(config);
    trainer = model.newTrainer(config);
    trainer.initialize(new Shape(BATCH, FEATURES));
    batches = trainer.iterateDataset(data).iterator();
  }

  private void configure(DefaultTrainingConfig config) {
    switch (variant) {
      case SGD_FIXED -> config.optOptimizer(
          Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).optWeightDecays(1e-4f).build());
      case SGD_DJL_TRACKERS -> config.optOptimizer(
          Optimizer.sgd().setLearningRateTracker(Curves.djlWarmupCosine()).optMomentum(0.9f).optWeightDecays(1e-4f).build());
      case SGD_ANNEAL_TRACKER -> {
        TrainingSchedule schedule = TrainingSchedule.of(learningRate(0.01));
        config.optOptimizer(Optimizer.sgd().setLearningRateTracker(schedule.tracker()).optMomentum(0.9f).optWeightDecays(1e-4f).build());
        config.addTrainingListeners(schedule.listener());
      }
      case SGD_SCHEDULED -> {
        TrainingSchedule schedule = TrainingSchedule.of(plan(0.01, 1e-4));
        config.optOptimizer(ScheduledSgd.builder(schedule).build());
        config.addTrainingListeners(schedule.listener());
      }
      case ADAMW_FIXED -> config.optOptimizer(
          Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build());
      case ADAMW_SCHEDULED -> {
        TrainingSchedule schedule = TrainingSchedule.of(plan(1e-3, 0.01));
        config.optOptimizer(ScheduledAdam.adamW(schedule).build());
        config.addTrainingListeners(schedule.listener());
      }
      default -> throw new IllegalStateException("unknown variant " + variant);
    }
  }

  /** A warm-up of 1,000 steps to {@code peak}, then a cosine to a hundredth of it. */
  private static Schedule learningRate(double peak) {
    return Schedules.linear(peak / 100, peak).over(1_000).then().cosineTo(peak / 100).over(LENGTH - 1_000).build();
  }

  /** The learning rate above, momentum (β1) from 0.95 to 0.85, weight decay from 0 to {@code weightDecay}. */
  private static Plan plan(double peak, double weightDecay) {
    return Plan.of(learningRate(peak))
        .with(Plan.MOMENTUM, Schedules.cosine(0.95, 0.85).over(LENGTH).build())
        .with(Plan.WEIGHT_DECAY, Schedules.linear(0, weightDecay).over(LENGTH).build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
    model.close();
    manager.close();
  }

  @Benchmark
  public void step() throws IOException, TranslateException {
    if (!batches.hasNext()) {
      batches = trainer.iterateDataset(data).iterator();
    }
    try (Batch batch = batches.next()) {
      EasyTrain.trainBatch(trainer, batch);
      trainer.step();
    }
  }
}
