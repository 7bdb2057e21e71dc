package dev.anneal.samples.training;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classic per-epoch PyTorch loop, in DJL: SGD with momentum 0.9, a step decay that halves the
 * learning rate every 2 epochs for the first 4 ({@code StepLR(step_size=2, gamma=0.5)}), then a
 * plateau phase on the validation loss ({@code ReduceLROnPlateau(factor=0.5, patience=0,
 * threshold=0)}, {@code scheduler.step(val_loss)} once per epoch). The schedule is written in
 * epochs and stepped per epoch; the run's geometry (the digits' training rows in batches of 32, the
 * last partial batch dropped) turns an epoch into its updates, and every epoch ends with {@code
 * schedule.endEpoch(validationLoss)}, which checks that the loop's epoch is the plan's and feeds
 * the plateau. Run with {@code [epochs]} (default 10).
 */
public final class PerEpochDecayThenPlateau {
  /** The learning rate of the first two epochs. */
  public static final double FIRST_LR = 0.05;

  /** The epochs of the step decay, after which the plateau phase begins. */
  public static final long DECAY_EPOCHS = 4;

  private PerEpochDecayThenPlateau() {}

  /** The digits' epochs: {@code floor(training rows / 32)} updates, as the batches of {@link DigitsProblem} are cut. */
  public static RunGeometry geometry(DigitsProblem problem) {
    return RunGeometry.builder().datasetSize(problem.trainRows()).batchSize(DigitsProblem.BATCH_SIZE).dropLast(true).build();
  }

  /**
   * 0.05 for epochs 0-1, 0.025 for epochs 2-3, then a plateau from 0.0125 that halves the rate after
   * every epoch whose validation loss is not below the best so far; held through each epoch.
   */
  public static Schedule learningRate(RunGeometry geometry) {
    Plateau plateau = new Plateau(FIRST_LR / 4, Plateau.Mode.MIN, 0.5, 0, 0, Plateau.ThresholdMode.REL, 0, 0, 1e-8);
    return Schedules.stepDecay(FIRST_LR, 2, 0.5).over(DECAY_EPOCHS)
        .then().shape(plateau).forever()
        .steppedPerEpoch().build(geometry);
  }

  /** Trains for {@code epochs} epochs; returns what each update applied and each epoch's validation loss. */
  public static Result run(DigitsProblem problem, int epochs) {
    RunGeometry geometry = geometry(problem);
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(Plan.of(learningRate(geometry))).optGeometry(geometry).build();
    long perEpoch = schedule.updatesPerEpoch().orElseThrow();
    List<Double> validationLosses = new ArrayList<>();
    try (Model model = DigitsProblem.model("per-epoch", problem.mlp());
         Trainer trainer = problem.trainer(model, ScheduledSgd.builder(schedule).optMomentum(0.9f).build(), schedule)) {
      Trace trace = null;
      for (int epoch = 0; epoch < epochs; epoch++) {
        Trace one = TrainingLoop.run(trainer, schedule, problem, epoch * perEpoch, (epoch + 1) * perEpoch);
        trace = trace == null ? one : trace.then(one);
        double validationLoss = problem.heldOutLoss(trainer);
        validationLosses.add(validationLoss);
        schedule.endEpoch(validationLoss); // scheduler.step(val_loss): the plateau sees it, the next epoch may use a lower rate
      }
      return new Result(trace, validationLosses, perEpoch, problem.heldOutAccuracy(trainer));
    }
  }

  /**
   * A finished run.
   *
   * @param trace the values and losses of every update
   * @param validationLosses the held-out loss after each epoch, as the plateau observed it
   * @param updatesPerEpoch the updates in one epoch
   * @param heldOutAccuracy the fraction of held-out digits classified correctly at the end
   */
  public record Result(Trace trace, List<Double> validationLosses, long updatesPerEpoch, double heldOutAccuracy) {
    public Result {
      validationLosses = List.copyOf(validationLosses);
    }
  }

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Result result = run(DigitsProblem.load(), epochs);
    for (int epoch = 0; epoch < epochs; epoch++) {
      System.out.printf(Locale.ROOT, "epoch %2d  lr %.5f  validation loss %.4f%n", epoch,
          result.trace().value(epoch * result.updatesPerEpoch(), 0, Plan.LR), result.validationLosses().get(epoch));
    }
    System.out.printf(Locale.ROOT, "%d updates per epoch, held-out accuracy %.1f%%%n", result.updatesPerEpoch(), 100 * result.heldOutAccuracy());
  }
}
