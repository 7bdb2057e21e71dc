package dev.anneal.samples.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.anneal.runtime.StepValues;
import dev.anneal.runtime.ScheduledTraining;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop of the samples, written out: forward, backward, {@code trainer.step()}, then
 * {@link ScheduledTraining#endStep()} (a loop that does not notify DJL's listeners ends each step
 * itself; {@code EasyTrain.fit} needs no such call). It records the values each update applied and
 * its loss.
 */
public final class TrainingLoop {
  private TrainingLoop() {}

  /**
   * Trains on the batches of updates {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the schedule's step when the loop starts: 0, or the step a checkpoint restored
   */
  public static Trace run(Trainer trainer, ScheduledTraining schedule, DigitsProblem problem, long from, long to) {
    if (schedule.step() != from) {
      throw new IllegalArgumentException("the schedule is at step " + schedule.step() + ", not " + from);
    }
    List<StepValues> applied = new ArrayList<>();
    float[] losses = new float[Math.toIntExact(to - from)];
    for (long step = from; step < to; step++) {
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDList batch = problem.batch(scope, step);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList x = new NDList(batch.get(0).toDevice(trainer.getDevices()[0], false));
          NDList y = new NDList(batch.get(1).toDevice(trainer.getDevices()[0], false));
          NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(x));
          collector.backward(loss);
          losses[(int) (step - from)] = loss.getFloat();
        }
      }
      applied.add(schedule.nextValues()); // the values the update below applies
      trainer.step();
      schedule.endStep();
    }
    return new Trace(from, applied, losses);
  }
}
