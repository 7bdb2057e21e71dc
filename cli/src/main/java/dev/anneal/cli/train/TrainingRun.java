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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import dev.anneal.cli.data.Examples;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.Feedback;
import dev.anneal.runtime.StepValues;
import dev.anneal.runtime.TrainingDevices;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One training run of {@code anneal train}: DJL with the PyTorch engine, on every GPU the engine
 * sees or else the CPU, Anneal's optimizer applying the plan at every update, and DJL's progress bar.
 *
 * <p>The loop is {@code EasyTrain.trainBatch}'s over the dataset's batches, each epoch's gathered
 * at once ({@link EpochBatches}), with two differences: it keeps each update's loss on the device
 * (read back once per epoch, never once per update), and it records the values the update applies
 * ({@link ScheduledTraining#nextValues()} just before {@code trainer.step()}; those of the first
 * parameter group, the weights, when the biases train apart). Plans with plateau phases
 * are fed the mean training loss of each epoch, except plans stepped per epoch: those are fed the
 * loss over the held-out rows after each epoch, as a PyTorch loop calls {@code
 * scheduler.step(val_loss)} once per epoch. Every epoch ends with {@code schedule.endEpoch}, which
 * checks it against the plan's epochs.
 */
public final class TrainingRun {
  /** Held-out rows per batch when measuring their loss or accuracy: all of them at once, at the command's sizes. */
  private static final int HELD_OUT_BATCH = 1024;

  private TrainingRun() {}

  /**
   * Trains {@code setup.model()} for {@code setup.updates()} updates and measures its accuracy.
   *
   * @throws dev.anneal.rules.InvalidScheduleException if the optimizer cannot apply the plan
   */
  public static TrainingResult run(TrainingSetup setup) throws IOException, TranslateException {
    return run(setup, Checkpointing.none());
  }

  /**
   * Trains as {@link #run(TrainingSetup)} does, saving a checkpoint into {@code checkpoints.directory()}
   * at the end of every epoch and of the run, and first resuming from {@code checkpoints.resumeFrom()}
   * when it names one: the parameters, the optimizer's state and the schedule come from the
   * checkpoint ({@code Checkpoints.restore}, under {@code checkpoints.policy()}), the updates before
   * it from the log saved beside it, and the batches continue where the checkpoint left them (the
   * shuffles of the epochs before are drawn again from the same seed), so the run goes on exactly as
   * the one that never stopped.
   *
   * @throws dev.anneal.rules.InvalidScheduleException if the optimizer cannot apply the plan, if the
   *     checkpoint cannot be resumed (see {@code Checkpoints.restore}), or ({@code OutOfRange}) if it
   *     already holds every update of the run
   */
  public static TrainingResult run(TrainingSetup setup, Checkpointing checkpoints) throws IOException, TranslateException {
    return run(setup, checkpoints, () -> {});
  }

  /**
   * Trains as {@link #run(TrainingSetup, Checkpointing)} does, calling {@code beforeFirstUpdate}
   * once the run is ready to train: the checkpoint restored and accepted, the trainer initialized
   * and the log of the updates before the checkpoint read, just before the first update. A run
   * refused on the way (a checkpoint that cannot be resumed) never calls it, so a summary printed
   * there describes only a run that starts.
   *
   * @throws dev.anneal.rules.InvalidScheduleException as {@link #run(TrainingSetup, Checkpointing)} does
   */
  public static TrainingResult run(TrainingSetup setup, Checkpointing checkpoints, Runnable beforeFirstUpdate)
      throws IOException, TranslateException {
    Engine.getInstance().setRandomSeed(setup.seed());
    ScheduledTraining.Builder builder = setup.optimizer().groups(ScheduledTraining.builder(), setup.plan());
    boolean heldOutFeedsPlateau = reactive(setup.plan()) && PlanEpochs.of(setup.plan(), setup.geometry()).isPresent();
    if (reactive(setup.plan()) && !heldOutFeedsPlateau) {
      builder.optFeedback(Feedback.trainingLossEvery(setup.updatesPerEpoch()));
    }
    if (setup.geometry() != null) {
      builder.optGeometry(setup.geometry());
    }
    ScheduledTraining schedule = builder.build();
    Device[] devices = TrainingDevices.select();
    Optimizer optimizer = setup.optimizer().build(schedule, setup.plan());
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(optimizer)
        .optDevices(devices)
        .addTrainingListeners(schedule.listener());
    try (NDManager data = NDManager.newBaseManager(Device.cpu());
         Model model = Model.newInstance("anneal-train")) {
      model.setBlock(setup.model().block());
      EpochBatches train = new EpochBatches(data, setup.split().train(), setup.batchSize());
      ArrayDataset heldOut = heldOutFeedsPlateau ? dataset(data, setup.split().heldOut(), HELD_OUT_BATCH, false) : null;
      if (checkpoints.resumeFrom() != null) {
        Checkpoints.restore(model, schedule, checkpoints.resumeFrom(), checkpoints.policy()); // before trainer.initialize, which keeps what it loaded
      }
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(setup.batchSize(), setup.model().inputs()));
        RunLog log = new RunLog(Math.toIntExact(setup.updates()));
        int first = Math.toIntExact(schedule.step());
        if (first >= setup.updates()) {
          throw new InvalidScheduleException(RuleCode.outOfRange("--steps", "the run's length", setup.updates(),
              "[" + (first + 1) + ", " + TrainingSetup.MAX_UPDATES + "] to go on from a checkpoint saved after " + first
                  + " updates; ask for more with --steps, or resume from an earlier checkpoint"));
        }
        if (first > 0) {
          log.readCsv(logOf(checkpoints.resumeFrom()), first);
        }
        beforeFirstUpdate.run();
        long start = System.nanoTime();
        List<Double> epochLosses = new ArrayList<>();
        long epochs = train(trainer, new OptimizerStep(trainer, optimizer), train, heldOut, epochLosses, schedule, setup, log, first, checkpoints);
        double seconds = (System.nanoTime() - start) / 1e9;
        double trainingAccuracy = accuracy(trainer, data, setup.split().train());
        double heldOutAccuracy = accuracy(trainer, data, setup.split().heldOut());
        String names = Arrays.stream(devices).map(Device::toString).collect(Collectors.joining(", "));
        return new TrainingResult(names, log, epochs, trainingAccuracy, heldOutAccuracy, seconds, first, epochLosses);
      }
    }
  }

  private static boolean reactive(Plan plan) {
    return plan.channels().values().stream().anyMatch(Schedule::isReactive);
  }

  /** The log {@link #save} writes beside a checkpoint's {@code .params} file: the updates before it. */
  public static Path logOf(Path paramsFile) {
    String name = paramsFile.getFileName().toString();
    return paramsFile.resolveSibling(name.substring(0, name.length() - ".params".length()) + ".csv");
  }

  /**
   * Trains from update {@code resumed} (0 for a fresh run) to the end. A resumed run first draws
   * the shuffles of the epochs the checkpoint completed, as the run that never stopped drew them
   * from DJL's random generator, and skips the batches of the current epoch it already trained.
   *
   * @param heldOut the held-out rows whose loss is fed to the plan's per-epoch plateau after each
   *     epoch ({@code heldOutLosses} keeps each), or {@code null} when the plan has none
   * @param checkpoints where to save a checkpoint at the end of every epoch and of the run (none
   *     without a directory), and which to keep
   */
  private static long train(Trainer trainer, OptimizerStep optimizerStep, EpochBatches train, ArrayDataset heldOut,
      List<Double> heldOutLosses, ScheduledTraining schedule, TrainingSetup setup, RunLog log, int resumed, Checkpointing checkpoints)
      throws IOException, TranslateException {
    ProgressBar bar = new ProgressBar("Training", setup.updates());
    int step = resumed;
    long epochs = resumed / setup.updatesPerEpoch();
    for (long done = 0; done < epochs; done++) {
      train.skip(); // draw each finished epoch's order from DJL's generator, as the run that never stopped did
    }
    long skipped = resumed % setup.updatesPerEpoch();
    String message = "";
    while (step < setup.updates()) {
      epochs++;
      int first = step;
      try (EpochLosses losses = new EpochLosses(trainer.getManager());
           EpochBatches.Epoch epoch = train.next(trainer.getManager())) {
        for (Batch batch : epoch) {
          try (batch) {
            if (skipped > 0) {
              skipped--; // trained before the checkpoint
              continue;
            }
            if (step == setup.updates()) {
              break;
            }
            losses.nextUpdate();
            trainBatch(trainer, batch, losses);
            StepValues values = schedule.nextValues(); // the previous update has ended: these are the values of this one
            optimizerStep.step();
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
      // A plateau is fed the mean loss of each epoch from an accumulator no checkpoint holds: mid-epoch,
      // a resumed run would feed it the mean of fewer batches. Such a run saves at epoch ends only.
      boolean midEpoch = step % setup.updatesPerEpoch() != 0;
      if (!midEpoch && heldOut != null) {
        double loss = heldOutLoss(trainer, heldOut, setup.split().heldOut().rows());
        heldOutLosses.add(loss);
        schedule.endEpoch(loss);
      } else if (!midEpoch) {
        schedule.endEpoch();
      }
      if (checkpoints.directory() != null && !(midEpoch && reactive(setup.plan()))) {
        save(trainer, schedule, log, step, checkpoints);
      }
    }
    return epochs;
  }

  /**
   * Saves a checkpoint after {@code updates} updates: first the log of those updates ({@link
   * #logOf}, written whole under a temporary name and renamed), then the parameters and the Anneal
   * state ({@code Checkpoints.save}, which writes its sidecar last), so that a checkpoint whose
   * sidecar is there is complete. Once it is, the checkpoints {@code checkpoints.retention()} does
   * not keep are deleted.
   */
  private static void save(Trainer trainer, ScheduledTraining schedule, RunLog log, int updates, Checkpointing checkpoints) throws IOException {
    Path directory = checkpoints.directory();
    Files.createDirectories(directory);
    Path paramsFile = directory.resolve(String.format(Locale.ROOT, "%s-%04d.params", Checkpointing.NAME, updates));
    Path logFile = logOf(paramsFile);
    Path partial = directory.resolve("." + logFile.getFileName() + ".partial");
    log.writeCsv(partial, updates);
    Files.move(partial, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    trainer.getModel().setProperty("Epoch", Integer.toString(updates)); // names the file: train-NNNN.params
    Path saved = Checkpoints.save(trainer, schedule, directory, Checkpointing.NAME);
    checkpoints.retention().afterSave(directory, saved);
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

  /** The mean loss over the held-out rows, with the parameters as they are now (no update, no listener). */
  private static double heldOutLoss(Trainer trainer, ArrayDataset heldOut, int rows) throws IOException, TranslateException {
    double total = 0;
    for (Batch batch : trainer.iterateDataset(heldOut)) {
      try (batch) {
        for (Batch split : batch.split(trainer.getDevices(), false)) {
          NDList predictions = trainer.evaluate(split.getData());
          try (NDArray loss = trainer.getLoss().evaluate(split.getLabels(), predictions)) {
            total += loss.getFloat() * split.getSize(); // the loss is the split's mean
          }
        }
      }
    }
    return total / rows;
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
