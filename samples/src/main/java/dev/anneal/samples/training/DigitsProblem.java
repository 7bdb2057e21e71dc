package dev.anneal.samples.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.cli.data.Digits;
import dev.anneal.cli.data.Examples;
import dev.anneal.cli.data.LabeledData;
import dev.anneal.cli.data.Split;
import dev.anneal.cli.train.Mlp;
import dev.anneal.runtime.TrainingDevices;
import dev.anneal.runtime.ScheduledTraining;
import java.util.List;

/**
 * The problem every training sample solves: the handwritten digits {@code anneal train} ships with
 * ({@link Digits}: 1,797 images of 8×8 pixels, 10 classes), a fifth held out, features standardised,
 * cut into batches of {@value #BATCH_SIZE} in a fixed order. Batch {@code k} is a function of the
 * step alone, so a run stopped and resumed at step {@code k} sees exactly the batches of a run that
 * never stopped. Immutable.
 */
public final class DigitsProblem {
  /** Examples per update. */
  public static final int BATCH_SIZE = 32;

  /** The seed of the split and of the weights' initialisation. */
  public static final int SEED = 42;

  private static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";

  private final int features;
  private final int classes;
  private final int trainRows;
  private final float[] trainFeatures;
  private final float[] trainLabels;
  private final Examples heldOut;

  private DigitsProblem(LabeledData data, Split split) {
    this.features = data.featureCount();
    this.classes = data.classes().size();
    this.trainRows = split.train().rows();
    this.trainFeatures = split.train().features();
    this.trainLabels = split.train().labels();
    this.heldOut = split.heldOut();
  }

  /**
   * Loads the digits and prepares DJL for small CPU models: offline (the PyTorch natives come from
   * Maven Central), and one PyTorch thread unless {@code -Dai.djl.pytorch.num_threads} says
   * otherwise (for a network this small the thread pool costs more than it saves). Call it before
   * anything else touches DJL.
   */
  public static DigitsProblem load() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty(PYTORCH_THREADS) == null) {
      System.setProperty(PYTORCH_THREADS, "1");
    }
    LabeledData data = Digits.load();
    return new DigitsProblem(data, Split.of(data, SEED));
  }

  /** The network of {@code anneal train}'s default: 64 inputs, one hidden layer of 32, 10 outputs. */
  public Block mlp() {
    return new Mlp(features, List.of(32), classes).block();
  }

  public int features() {
    return features;
  }

  public int classes() {
    return classes;
  }

  /** The shape {@code trainer.initialize} takes. */
  public Shape inputShape() {
    return new Shape(BATCH_SIZE, features);
  }

  /** The training examples: the digits less the fifth held out. */
  public int trainRows() {
    return trainRows;
  }

  /** Updates in one pass over the training examples (the last, partial batch is left out). */
  public int batchesPerEpoch() {
    return trainRows / BATCH_SIZE;
  }

  /**
   * A model named {@code name} holding {@code block}, on the first device {@link
   * TrainingDevices#select()} returns (where {@code Checkpoints.save} needs it).
   */
  public static Model model(String name, Block block) {
    Model model = Model.newInstance(name, TrainingDevices.select()[0]);
    model.setBlock(block);
    return model;
  }

  /**
   * A trainer of {@code model} with {@code optimizer}, softmax cross-entropy loss and {@code
   * schedule}'s listener (which binds the parameters to the schedule's groups), on every device
   * {@link TrainingDevices#select()} returns. If the model has no parameters yet they are
   * initialised from {@link #SEED}, so two runs start from the same weights.
   */
  public Trainer trainer(Model model, Optimizer optimizer, ScheduledTraining schedule) {
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(optimizer)
        .optDevices(TrainingDevices.select())
        .addTrainingListeners(schedule.listener());
    Trainer trainer = model.newTrainer(config);
    Engine.getInstance().setRandomSeed(SEED);
    trainer.initialize(inputShape());
    return trainer;
  }

  /** Features and labels of the batch that update {@code step} (counted from 0) trains on. */
  public NDList batch(NDManager manager, long step) {
    int first = (int) (step % batchesPerEpoch()) * BATCH_SIZE;
    float[] x = new float[BATCH_SIZE * features];
    float[] y = new float[BATCH_SIZE];
    System.arraycopy(trainFeatures, first * features, x, 0, x.length);
    System.arraycopy(trainLabels, first, y, 0, y.length);
    return new NDList(manager.create(x, inputShape()), manager.create(y, new Shape(BATCH_SIZE)));
  }

  /**
   * The training examples as a DJL dataset, batches of {@value #BATCH_SIZE} in order (the last,
   * partial one left out), for APIs that take a {@code Dataset} such as {@code LrRangeTest}.
   */
  public ArrayDataset trainingSet(NDManager manager) {
    int rows = batchesPerEpoch() * BATCH_SIZE;
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    System.arraycopy(trainFeatures, 0, x, 0, x.length);
    System.arraycopy(trainLabels, 0, y, 0, y.length);
    return new ArrayDataset.Builder()
        .setData(manager.create(x, new Shape(rows, features)))
        .optLabels(manager.create(y, new Shape(rows)))
        .setSampling(BATCH_SIZE, false)
        .build();
  }

  /**
   * The mean loss of {@code trainer}'s model over the held-out digits, as they are now: the
   * validation loss a per-epoch plateau observes. One forward pass, no update.
   */
  public double heldOutLoss(Trainer trainer) {
    try (NDManager scope = trainer.getManager().newSubManager()) {
      Device device = trainer.getDevices()[0];
      NDArray x = scope.create(heldOut.features(), new Shape(heldOut.rows(), heldOut.columns())).toDevice(device, false);
      NDArray labels = scope.create(heldOut.labels(), new Shape(heldOut.rows())).toDevice(device, false);
      NDList predictions = trainer.evaluate(new NDList(x));
      return trainer.getLoss().evaluate(new NDList(labels), predictions).getFloat();
    }
  }

  /** The fraction of held-out digits {@code trainer}'s model classifies correctly. */
  public double heldOutAccuracy(Trainer trainer) {
    try (NDManager scope = trainer.getManager().newSubManager()) {
      Device device = trainer.getDevices()[0];
      NDArray x = scope.create(heldOut.features(), new Shape(heldOut.rows(), heldOut.columns())).toDevice(device, false);
      NDArray labels = scope.create(heldOut.labels(), new Shape(heldOut.rows())).toDevice(device, false);
      NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1);
      long correct = predicted.eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
      return (double) correct / heldOut.rows();
    }
  }
}
