package dev.anneal.cli.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import dev.anneal.cli.data.Examples;
import dev.anneal.runtime.Feedback;
import dev.anneal.runtime.StepValues;
import dev.anneal.runtime.TrainingDevices;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One training run of {@code anneal train}: DJL with the PyTorch engine, on every GPU the engine
 * sees or else the CPU, Anneal's optimizer applying the plan at every update, and DJL's progress bar.
 *
 * <p>The loop is {@code EasyTrain.trainBatch}'s, with three differences: it takes its batches from
 * {@link EpochBatches} (the dataset's batches, gathered once per epoch), it keeps each update's loss
 * on the device (read back once per epoch, never once per update), and it records the values the
 * update applies ({@link ScheduledTraining#nextValues()} just before {@code trainer.step()}; those of
 * the first parameter group, the weights, when the biases train apart). Plans with plateau phases
 * are fed the mean training loss of each epoch.
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * Trains {@code setup.model()} for {@code setup.updates()} updates and measures its accuracy.
   *
   * @throws dev.anneal.rules.InvalidScheduleException if the optimizer cannot apply the plan
   */
  public static TrainingResult run(TrainingSetup setup) throws IOException, TranslateException {
    Engine.getInstance().setRandomSeed(setup.seed());
    ScheduledTraining.Builder builder = setup.optimizer().groups(ScheduledTraining.builder(), setup.plan());
    if (setup.plan().channels().values().stream().anyMatch(Schedule::isReactive)) {
      builder.optFeedback(Feedback.trainingLossEvery(setup.updatesPerEpoch()));
    }
    ScheduledTraining schedule = builder.build();
    Device[] devices = TrainingDevices.select();
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(setup.optimizer().build(schedule, setup.plan()))
        .optDevices(devices)
        .addTrainingListeners(schedule.listener());
    try (NDManager data = NDManager.newBaseManager(Device.cpu());
         Model model = Model.newInstance("anneal-train")) {
      model.setBlock(setup.model().block());
      EpochBatches train = new EpochBatches(data, setup.split().train(), setup.batchSize());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(setup.batchSize(), setup.model().inputs()));
        RunLog log = new RunLog(Math.toIntExact(setup.updates()));
        long start = System.nanoTime();
        long epochs = train(trainer, train, schedule, setup, log);
        double seconds = (System.nanoTime() - start) / 1e9;
        double trainingAccuracy = accuracy(trainer, data, setup.split().train());
        double heldOutAccuracy = accuracy(trainer, data, setup.split().heldOut());
        String names = Arrays.stream(devices).map(Device::toString).collect(Collectors.joining(", "));
        return new TrainingResult(names, log, epochs, trainingAccuracy, heldOutAccuracy, seconds);
      }
    }
  }

  private static long train(Trainer trainer, EpochBatches train, ScheduledTraining schedule, TrainingSetup setup, RunLog log) {
    ProgressBar bar = new ProgressBar("Training", setup.updates());
    int step = 0;
    long epochs = 0;
    String message = "";
    while (step < setup.updates()) {
      epochs++;
      int first = step;
      try (EpochBatches.Epoch epoch = train.next(trainer.getManager());
           EpochLosses losses = new EpochLosses(trainer.getManager())) {
        for (Batch batch : epoch) {
          try (batch) {
            if (step == setup.updates()) {
              break;
            }
            losses.nextUpdate();
            trainBatch(trainer, batch, losses);
            StepValues values = schedule.nextValues(); // the previous update has ended: these are the values of this one
            trainer.step();
            log.applied(step, values.applied(0, Plan.LR),
                valueOr(values, Plan.MOMENTUM, setup.optimizer().momentum()),
                valueOr(values, Plan.WEIGHT_DECAY, setup.optimizer().weightDecay()));
            bar.update(step, message);
            step++;
          }
        }
        float[] epochLosses = losses.read();
        log.losses(first, epochLosses);
        double mean = 0;
        for (float loss : epochLosses) {
          mean += loss;
        }
        message = String.format(Locale.ROOT, "epoch %d, loss %.4f", epochs, mean / epochLosses.length);
      }
    }
    return epochs;
  }

  private static float valueOr(StepValues values, String channel, double constant) {
    return Double.isNaN(values.value(0, channel)) ? (float) constant : values.applied(0, channel);
  }

  /** {@code EasyTrain.trainBatch}, keeping the loss of every split. */
  private static void trainBatch(Trainer trainer, Batch batch, EpochLosses losses) {
    Batch[] splits = batch.split(trainer.getDevices(), false);
    BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    try (GradientCollector collector = trainer.newGradientCollector()) {
      for (Batch split : splits) {
        NDList labels = split.getLabels();
        NDList predictions = trainer.forward(split.getData(), labels);
        NDArray loss = trainer.getLoss().evaluate(labels, predictions);
        collector.backward(loss);
        losses.add(loss);
        batchData.getLabels().put(labels.get(0).getDevice(), labels);
        batchData.getPredictions().put(predictions.get(0).getDevice(), predictions);
      }
    }
    trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
  }

  private static double accuracy(Trainer trainer, NDManager manager, Examples examples) throws IOException, TranslateException {
    long correct = 0;
    for (Batch batch : trainer.iterateDataset(dataset(manager, examples, 1024, false))) {
      try (batch) {
        for (Batch split : batch.split(trainer.getDevices(), false)) {
          NDArray predicted = trainer.evaluate(split.getData()).singletonOrThrow().argMax(1);
          NDArray labels = split.getLabels().singletonOrThrow().toType(DataType.INT64, false);
          correct += predicted.eq(labels).countNonzero().getLong();
        }
      }
    }
    return (double) correct / examples.rows();
  }

  static ArrayDataset dataset(NDManager manager, Examples examples, int batchSize, boolean shuffle) {
    NDArray features = manager.create(examples.features(), new Shape(examples.rows(), examples.columns()));
    NDArray labels = manager.create(examples.labels(), new Shape(examples.rows()));
    return new ArrayDataset.Builder().setData(features).optLabels(labels).setSampling(batchSize, shuffle).build();
  }
}
