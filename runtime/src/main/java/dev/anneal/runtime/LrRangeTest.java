package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A learning-rate range test (Smith's LR range test; DeepSpeed's {@code LRRangeTest}, fastai's
 * {@code lr_find}): trains for at most {@code steps} updates with a growing learning rate, stops
 * early when the smoothed loss exceeds {@code divergence} times its best (or is not finite), then
 * puts back the model's parameters exactly as they were, and reports the curve with suggestions.
 *
 * <p>The learning rate grows exponentially from {@code startLr} to {@code endLr} by default (as
 * fastai does); any Anneal schedule can replace it, e.g. DeepSpeed's linear {@code LRRangeTest}
 * read from a {@code ds_config.json}. The loss is smoothed as fastai does: an exponential moving
 * average with factor {@code smoothing}, bias-corrected. Suggestions are computed on the curve
 * without its first tenth and last five points (fastai's trim), where those exist.
 */
public final class LrRangeTest {
  /**
   * The fewest usable losses the suggestions are computed from: the steepest descent is a central
   * difference, so five points give it three interior candidates (two points, one of them the
   * divergence, suggested learning rates 10^30 and 10^29 with exit status 0 before).
   */
  static final int MIN_USABLE_POINTS = 5;

  /** The learning rates the default ramp may use: the optimizers apply them as 32-bit floats (normal ones). */
  private static final String FLOAT_RANGE = "[" + Float.MIN_NORMAL + ", " + Float.MAX_VALUE + "]";

  private final double startLr;
  private final double endLr;
  private final int steps;
  private final Schedule schedule;
  private final double smoothing;
  private final double divergence;
  private final Function<ScheduledTraining, Optimizer> optimizer;
  private final Device[] devices;

  private LrRangeTest(Builder builder) {
    this.startLr = builder.startLr;
    this.endLr = builder.endLr;
    this.steps = builder.steps;
    this.schedule = builder.schedule != null ? builder.schedule : Schedules.exponentialTo(startLr, endLr).over(Math.max(steps - 1, 1)).build();
    this.smoothing = builder.smoothing;
    this.divergence = builder.divergence;
    this.optimizer = builder.optimizer;
    this.devices = builder.devices;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The learning rate of each update: the schedule given, or the exponential ramp from {@code startLr} to {@code endLr}. */
  public Schedule schedule() {
    return schedule;
  }

  /**
   * Runs the test on {@code model} (initialised for {@code inputShapes} if it is not yet), cycling
   * through {@code dataset} as often as needed, and restores every parameter afterwards, also when
   * the test fails.
   */
  public RangeTestResult run(Model model, Loss loss, Dataset dataset, Shape... inputShapes) throws IOException, TranslateException {
    ScheduledTraining training = ScheduledTraining.of(schedule);
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
        .optOptimizer(optimizer.apply(training))
        .optDevices(devices == null ? TrainingDevices.select() : devices)
        .addTrainingListeners(training.listener());
    List<RangeTestResult.Point> points = new ArrayList<>();
    boolean diverged = false;
    try (NDManager saved = NDManager.newBaseManager(Device.cpu())) {
      Trainer trainer = model.newTrainer(config);
      List<Pair<Parameter, NDArray>> snapshot;
      try {
        trainer.initialize(inputShapes);
        snapshot = snapshot(model, saved);
      } catch (RuntimeException e) {
        trainer.close();
        throw e;
      }
      try {
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        Iterator<Batch> batches = trainer.iterateDataset(dataset).iterator();
        for (int step = 0; step < steps; step++) {
          if (!batches.hasNext()) {
            batches = trainer.iterateDataset(dataset).iterator();
            if (!batches.hasNext()) {
              throw new InvalidScheduleException(RuntimeCode.emptyRangeTestDataset());
            }
          }
          double batchLoss;
          try (Batch batch = batches.next()) {
            batchLoss = trainOn(trainer, batch);
          }
          training.endStep();
          average = smoothing * average + (1 - smoothing) * batchLoss;
          double smoothed = average / (1 - Math.pow(smoothing, step + 1));
          points.add(new RangeTestResult.Point(step, (float) schedule.valueAt(step), batchLoss, smoothed));
          best = Math.min(best, smoothed);
          if (!Double.isFinite(batchLoss) || smoothed > divergence * best) {
            diverged = true;
            break;
          }
        }
      } finally {
        trainer.close(); // copies the trained values back to the model's parameters first
        restore(snapshot);
      }
    }
    return suggest(points, diverged);
  }

  private static double trainOn(Trainer trainer, Batch batch) {
    Batch[] splits = batch.split(trainer.getDevices(), false);
    double total = 0;
    try (GradientCollector collector = trainer.newGradientCollector()) {
      for (Batch split : splits) {
        NDList predictions = trainer.forward(split.getData(), split.getLabels());
        NDArray value = trainer.getLoss().evaluate(split.getLabels(), predictions);
        collector.backward(value);
        total += value.getFloat(); // the range test needs every loss: one read per update
      }
    }
    trainer.step();
    return total / splits.length;
  }

  private static List<Pair<Parameter, NDArray>> snapshot(Model model, NDManager manager) {
    List<Pair<Parameter, NDArray>> out = new ArrayList<>();
    for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
      // duplicate(), not toDevice(cpu, true): the PyTorch engine shares memory when the device is the same.
      NDArray copy = pair.getValue().getArray().duplicate();
      copy.attach(manager);
      out.add(new Pair<>(pair.getValue(), copy));
    }
    return out;
  }

  /**
   * Puts every snapshot back into its parameter, exactly, and gives the snapshots up. The snapshot's
   * tensor takes the place of the parameter's (NDArray.intern: the same Java array, the same device
   * and type, the trained tensor freed), then the parameter asks for gradients again as before. Not
   * {@code copyTo}: DJL's PyTorch engine copies through {@code torchSet}, whose native
   * {@code AutoNonVariableTypeMode} guard makes libtorch print a deprecation warning on the
   * process's standard error (fd 2), past any Java stream, once per process.
   */
  private static void restore(List<Pair<Parameter, NDArray>> snapshot) {
    for (Pair<Parameter, NDArray> entry : snapshot) {
      Parameter parameter = entry.getKey();
      NDArray array = parameter.getArray();
      array.intern(entry.getValue());
      // The clone was taken without autograd: a leaf that needs its requires_grad flag back.
      array.setRequiresGradient(parameter.requiresGradient());
    }
  }

  /**
   * The suggestions, computed on the usable points only: those with a finite loss measured before
   * the loss diverged (the point that stopped the test is drawn, never suggested from).
   *
   * @throws InvalidScheduleException ({@code RangeTestTooShort}) with fewer than {@link
   *     #MIN_USABLE_POINTS} usable points
   */
  static RangeTestResult suggest(List<RangeTestResult.Point> points, boolean diverged) {
    int usable = 0;
    while (usable < points.size() && Double.isFinite(points.get(usable).loss()) && Double.isFinite(points.get(usable).smoothedLoss())) {
      usable++;
    }
    if (diverged && usable == points.size()) {
      usable--; // finite, but more than `divergence` times the best: the point that stopped the test
    }
    if (usable < MIN_USABLE_POINTS) {
      String stop = diverged
          ? "the loss diverged at learning rate " + Float.toString((float) points.get(points.size() - 1).lr()) + " on update " + points.size()
          : "the test ended after " + points.size() + " updates";
      throw new InvalidScheduleException(RuntimeCode.rangeTestTooShort(usable, stop, MIN_USABLE_POINTS));
    }
    List<RangeTestResult.Point> curve = points.subList(0, usable);
    int from = curve.size() > 15 ? curve.size() / 10 : 0;
    int to = curve.size() > 15 ? curve.size() - 5 : curve.size();
    List<RangeTestResult.Point> kept = curve.subList(from, to);
    int lowest = 0;
    for (int i = 1; i < kept.size(); i++) {
      if (kept.get(i).smoothedLoss() < kept.get(lowest).smoothedLoss()) {
        lowest = i;
      }
    }
    int steepest = 0;
    double steepestSlope = Double.POSITIVE_INFINITY;
    for (int i = 0; i < kept.size(); i++) {
      int left = Math.max(i - 1, 0);
      int right = Math.min(i + 1, kept.size() - 1);
      double slope = (kept.get(right).smoothedLoss() - kept.get(left).smoothedLoss())
          / (Math.log(kept.get(right).lr()) - Math.log(kept.get(left).lr()));
      if (slope < steepestSlope) {
        steepestSlope = slope;
        steepest = i;
      }
    }
    double atLowest = kept.get(lowest).lr();
    return new RangeTestResult(points, diverged, kept.get(steepest).lr(), atLowest / 10, atLowest, atLowest / 10);
  }

  /** Builds an {@link LrRangeTest}. */
  public static final class Builder {
    private double startLr = 1e-7;
    private double endLr = 10;
    private int steps = 100;
    private Schedule schedule;
    private double smoothing = 0.98;
    private double divergence = 4;
    private Function<ScheduledTraining, Optimizer> optimizer = s -> ScheduledSgd.builder(s).build();
    private Device[] devices;

    private Builder() {}

    /** The first learning rate of the default exponential ramp. Default 1e-7. */
    public Builder optStartLr(double startLr) {
      this.startLr = startLr;
      return this;
    }

    /** The last learning rate of the default exponential ramp. Default 10. */
    public Builder optEndLr(double endLr) {
      this.endLr = endLr;
      return this;
    }

    /** The most updates the test runs. Default 100. */
    public Builder optSteps(int steps) {
      this.steps = steps;
      return this;
    }

    /** A learning-rate schedule to use instead of the exponential ramp (e.g. DeepSpeed's LRRangeTest). */
    public Builder optSchedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** The loss smoothing factor β of the moving average. Default 0.98 (fastai's). */
    public Builder optSmoothing(double smoothing) {
      this.smoothing = smoothing;
      return this;
    }

    /** Stop when the smoothed loss exceeds this many times its best. Default 4 (fastai's). */
    public Builder optDivergence(double divergence) {
      this.divergence = divergence;
      return this;
    }

    /** The optimizer to test with, built from the test's schedule. Default: {@link ScheduledSgd} without momentum. */
    public Builder optOptimizer(Function<ScheduledTraining, Optimizer> optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /** The devices to train on. Default: {@link TrainingDevices#select()}. */
    public Builder optDevices(Device... devices) {
      this.devices = devices.clone();
      return this;
    }

    /**
     * @throws InvalidScheduleException listing every bad setting (learning rates that are not finite,
     *     not positive or outside the normal range of a float, an end not above the start, fewer than
     *     5 steps, smoothing outside [0, 1), divergence ≤ 1)
     */
    public LrRangeTest build() {
      List<Violation> found = new ArrayList<>();
      if (schedule == null) {
        boolean start = learningRate(found, "startLr", startLr);
        if (learningRate(found, "endLr", endLr) && start && endLr <= startLr) {
          found.add(RuleCode.outOfRange("endLr", "endLr", endLr, "(startLr, ∞) = (" + Values.show(startLr) + ", ∞)"));
        }
      }
      if (steps < MIN_USABLE_POINTS) {
        found.add(RuleCode.outOfRange("steps", "steps", steps, "[" + MIN_USABLE_POINTS + ", ∞) (the suggestions need "
            + MIN_USABLE_POINTS + " losses)"));
      }
      if (!(smoothing >= 0 && smoothing < 1)) {
        found.add(RuleCode.outOfRange("smoothing", "smoothing", smoothing, "[0, 1)"));
      }
      if (!(divergence > 1) || !Double.isFinite(divergence)) {
        found.add(RuleCode.outOfRange("divergence", "divergence", divergence, "(1, ∞)"));
      }
      InvalidScheduleException.throwIfErrors(found);
      return new LrRangeTest(this);
    }

    /**
     * A finite learning rate within the normal range of a float: the optimizer applies it as one,
     * so a smaller one (1e-310) would silently become 0 and a larger one infinite.
     */
    private static boolean learningRate(List<Violation> found, String field, double value) {
      if (!Rules.positive(found, field, value)) {
        return false;
      }
      if (value < Float.MIN_NORMAL || value > Float.MAX_VALUE) {
        found.add(RuleCode.outOfRange(field, field, value, FLOAT_RANGE + ", the normal range of the 32-bit floats the optimizer applies"));
        return false;
      }
      return true;
    }
  }
}
