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
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import ai.djl.translate.TranslateException;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The training benchmarks' model, data and loop: a 16-64-64-1 MLP with ReLU, L2 loss, batches of 32
 * from 512 fixed samples, on the CPU; one step is {@code EasyTrain.trainBatch} and {@code
 * trainer.step()}, as in {@code EasyTrain.fit}. Only the optimizer (and Anneal's listener) depend on
 * the {@link TrainingVariant}. The schedules run ten million steps, so no benchmark leaves their
 * warm-up and cosine phases.
 */
final class SmallModel implements AutoCloseable {
  private static final int LENGTH = 10_000_000;
  private static final int WARMUP = 1_000;
  private static final int SAMPLES = 512;
  private static final int FEATURES = 16;
  private static final int BATCH = 32;

  private final NDManager manager;
  private final Model model;
  private final Trainer trainer;
  private final ArrayDataset data;
  private Iterator<Batch> batches;

  SmallModel(TrainingVariant variant) {
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
    configure(variant, config);
    trainer = model.newTrainer(config);
    trainer.initialize(new Shape(BATCH, FEATURES));
  }

  private static void configure(TrainingVariant variant, DefaultTrainingConfig config) {
    switch (variant) {
      case SGD_FIXED -> config.optOptimizer(sgd(Tracker.fixed(0.01f)));
      case SGD_DJL_TRACKERS -> config.optOptimizer(sgd(djlWarmupCosine(0.01f)));
      case SGD_ANNEAL_TRACKER -> {
        ScheduledTraining schedule = ScheduledTraining.of(learningRate(0.01));
        config.optOptimizer(sgd(schedule.tracker()));
        config.addTrainingListeners(schedule.listener());
      }
      case SGD_SCHEDULED -> {
        ScheduledTraining schedule = ScheduledTraining.of(plan(0.01, 1e-4));
        config.optOptimizer(ScheduledSgd.builder(schedule).build());
        config.addTrainingListeners(schedule.listener());
      }
      case SGD_SCHEDULED_PYTORCH_FORM -> {
        ScheduledTraining schedule = ScheduledTraining.of(plan(0.01, 1e-4));
        config.optOptimizer(ScheduledSgd.builder(schedule).optMomentumForm(ScheduledSgd.MomentumForm.PYTORCH).build());
        config.addTrainingListeners(schedule.listener());
      }
      case ADAMW_FIXED -> config.optOptimizer(
          Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build());
      case ADAMW_SCHEDULED -> {
        ScheduledTraining schedule = ScheduledTraining.of(plan(1e-3, 0.01));
        config.optOptimizer(ScheduledAdam.adamW(schedule).build());
        config.addTrainingListeners(schedule.listener());
      }
      default -> throw new IllegalStateException("unknown variant " + variant);
    }
  }

  private static Optimizer sgd(Tracker learningRate) {
    return Optimizer.sgd().setLearningRateTracker(learningRate).optMomentum(0.9f).optWeightDecays(1e-4f).build();
  }

  /** A warm-up of 1,000 steps from a hundredth of {@code peak} to it, then a cosine back to a hundredth. */
  private static Schedule learningRate(double peak) {
    return Schedules.linear(peak / 100, peak).over(WARMUP).then().cosineTo(peak / 100).over(LENGTH - WARMUP).build();
  }

  /** {@link #learningRate} as DJL's trackers. */
  private static Tracker djlWarmupCosine(float peak) {
    Tracker cosine = CosineTracker.builder().setBaseValue(peak).optFinalValue(peak / 100).setMaxUpdates(LENGTH - WARMUP).build();
    return WarmUpTracker.builder().setMainTracker(cosine).optWarmUpBeginValue(peak / 100).optWarmUpSteps(WARMUP).build();
  }

  /** The learning rate above, momentum (β1) from 0.95 to 0.85, weight decay from 0 to {@code weightDecay}. */
  private static Plan plan(double peak, double weightDecay) {
    return Plan.of(learningRate(peak))
        .with(Plan.MOMENTUM, Schedules.cosine(0.95, 0.85).over(LENGTH).build())
        .with(Plan.WEIGHT_DECAY, Schedules.linear(0, weightDecay).over(LENGTH).build());
  }

  /** One training step on the next batch (the data start again after the last). */
  void step() {
    try {
      if (batches == null || !batches.hasNext()) {
        batches = trainer.iterateDataset(data).iterator();
      }
      try (Batch batch = batches.next()) {
        EasyTrain.trainBatch(trainer, batch);
        trainer.step();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TranslateException e) {
      throw new IllegalStateException("cannot batch the in-memory dataset", e);
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
    manager.close();
  }
}
