package dev.anneal.samples.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.LrRangeTest;
import dev.anneal.runtime.RangeTestResult;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Finds the learning rates, then trains with them: an LR range test (the learning rate grows
 * exponentially from 1e-5 to 10 over at most 100 updates of AdamW, stopping when the loss
 * diverges) suggests DeepSpeed's one-cycle bounds, {@code cycle_max_lr} (the learning rate at the
 * lowest smoothed loss) and {@code cycle_min_lr} (a tenth of it); a one-cycle run with AdamW then
 * rises from the lower bound to the upper over the first 30% of the run and anneals to a hundredth
 * of the lower, while β1 mirrors it from 0.95 down to 0.85 and back. The range test puts the
 * model's parameters back as they were, so the run starts from the weights the test started from.
 * The upper bound is the edge of stability: the loss jumps near the top of the cycle and comes
 * back down as the learning rate anneals. Run with {@code [steps]} (default 450, ten passes over
 * the digits).
 */
public final class FindLrThenOneCycle {
  private FindLrThenOneCycle() {}

  /** One-cycle from the suggestions of {@code test}: {@code cycleMinLr → cycleMaxLr → cycleMinLr / 100}, momentum mirrored. */
  public static Plan oneCycle(RangeTestResult test, long steps) {
    return Plan.of(Schedules.oneCycle(test.cycleMinLr(), test.cycleMaxLr(), test.cycleMinLr() / 100, 0.3).over(steps).build())
        .with(Plan.MOMENTUM, Schedules.oneCycle(0.95, 0.85, 0.95, 0.3).over(steps).build());
  }

  /** Runs the range test on a fresh network, then trains it for {@code steps} updates of the one-cycle plan. */
  public static Result run(DigitsProblem problem, long steps) {
    try (NDManager data = NDManager.newBaseManager(Device.cpu());
         Model model = DigitsProblem.model("find-lr", problem.mlp())) {
      // The test uses the run's optimizer (its default is plain SGD): the bounds hold for the
      // optimizer they were measured with.
      LrRangeTest rangeTest = LrRangeTest.builder().optStartLr(1e-5).optEndLr(10).optSteps(100)
          .optOptimizer(s -> ScheduledAdam.adamW(s).build())
          .build();
      Engine.getInstance().setRandomSeed(DigitsProblem.SEED); // the weights the test initialises
      RangeTestResult test = rangeTest.run(model, Loss.softmaxCrossEntropyLoss(), problem.trainingSet(data), problem.inputShape());
      ScheduledTraining schedule = ScheduledTraining.of(oneCycle(test, steps));
      try (Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(schedule).build(), schedule)) {
        return new Result(test, TrainingLoop.run(trainer, schedule, problem, 0, steps), problem.heldOutAccuracy(trainer));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TranslateException e) {
      throw new IllegalStateException("the range test could not read a batch: " + e.getMessage(), e);
    }
  }

  /**
   * The range test and the run it shaped.
   *
   * @param rangeTest the curve and the suggestions
   * @param trace the values and losses of every update of the one-cycle run
   * @param heldOutAccuracy the fraction of held-out digits classified correctly after it
   */
  public record Result(RangeTestResult rangeTest, Trace trace, double heldOutAccuracy) {}

  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 450;
    Result result = run(DigitsProblem.load(), steps);
    RangeTestResult test = result.rangeTest();
    System.out.printf(Locale.ROOT, "range test: %d updates%s; steepest descent at lr %.3e%n", test.points().size(),
        test.stoppedEarly() ? " (stopped: the loss diverged)" : "", test.steepest());
    System.out.printf(Locale.ROOT, "one-cycle: cycle_min_lr %.3e, cycle_max_lr %.3e%n", test.cycleMinLr(), test.cycleMaxLr());
    Trace trace = result.trace();
    System.out.printf(Locale.ROOT, "loss %.4f -> %.4f, held-out accuracy %.1f%%%n",
        trace.meanLoss(20, false), trace.meanLoss(20, true), 100 * result.heldOutAccuracy());
  }
}
