package dev.anneal.runtime;

import ai.djl.metric.Metrics;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import dev.anneal.rules.InvalidScheduleException;
import java.nio.file.Path;

/**
 * The {@link ScheduledTraining}'s DJL listener. When training begins it binds the trainable
 * parameters to the groups; at every callback it ends the update in progress (so the step
 * advances exactly once per {@code trainer.step()}, see {@link ScheduledTraining}); after each
 * update it logs the values applied (DJL metrics {@code anneal_<channel>_<group>}, and the CSV if
 * asked) and feeds the reactive phases at the feedback's cadence.
 */
final class ScheduleListener implements TrainingListener, ScheduledTraining.StepObserver {
  private final ScheduledTraining schedule;
  private final Feedback feedback;
  private final Path csvPath;
  private final LossAccumulator trainingLoss = new LossAccumulator();
  private final LossAccumulator validationLoss = new LossAccumulator();
  private CsvLog csv;
  private Trainer trainer;
  private long epochs;
  private boolean observing;

  ScheduleListener(ScheduledTraining schedule, Feedback feedback, Path csvPath) {
    this.schedule = schedule;
    this.feedback = feedback;
    this.csvPath = csvPath;
  }

  @Override
  public void onTrainingBegin(Trainer trainer) {
    this.trainer = trainer;
    schedule.bind(trainer);
    if (!observing) {
      schedule.addObserver(this);
      observing = true;
    }
    if (csvPath != null && csv == null) {
      csv = new CsvLog(csvPath);
    }
  }

  @Override
  public void onTrainingBatch(Trainer trainer, BatchData batchData) {
    schedule.endStep();
    if (feedback instanceof Feedback.TrainingLossEvery) {
      trainingLoss.add(trainer, batchData);
    }
  }

  @Override
  public void onValidationBatch(Trainer trainer, BatchData batchData) {
    schedule.endStep();
    if (feedback instanceof Feedback.ValidationLossEachEpoch) {
      validationLoss.add(trainer, batchData);
    }
  }

  @Override
  public void onEpoch(Trainer trainer) {
    schedule.endEpoch();
    epochs++;
    if (feedback instanceof Feedback.ValidationLossEachEpoch) {
      if (validationLoss.isEmpty()) {
        throw new InvalidScheduleException(RuntimeCode.noValidationBatch(epochs));
      }
      schedule.observe(validationLoss.takeMean());
    } else if (feedback instanceof Feedback.MetricEachEpoch each) {
      schedule.observe(each.metric().applyAsDouble(epochs));
    }
    if (csv != null) {
      csv.flush();
    }
  }

  @Override
  public void onTrainingEnd(Trainer trainer) {
    schedule.endStep();
    trainingLoss.close();
    validationLoss.close();
    if (csv != null) {
      csv.close();
      csv = null;
    }
  }

  /** After each update: log what it applied, then feed the reactive phases if the cadence says so. */
  @Override
  public void stepEnded(StepValues values) {
    if (csv != null) {
      csv.stepEnded(values);
    }
    Metrics metrics = trainer == null ? null : trainer.getMetrics();
    if (metrics != null) {
      for (int g = 0; g < values.groups().size(); g++) {
        for (String channel : values.channels()) {
          double value = values.value(g, channel);
          if (!Double.isNaN(value)) {
            metrics.addMetric("anneal_" + channel + "_" + values.groups().get(g), values.applied(g, channel));
          }
        }
      }
    }
    long applied = values.step() + 1;
    if (feedback instanceof Feedback.TrainingLossEvery every && applied % every.steps() == 0) {
      if (trainingLoss.isEmpty()) {
        throw new InvalidScheduleException(RuntimeCode.noTrainingBatch(every.steps(), applied));
      }
      schedule.observe(trainingLoss.takeMean());
    } else if (feedback instanceof Feedback.MetricEvery every && applied % every.steps() == 0) {
      schedule.observe(every.metric().applyAsDouble(applied));
    }
  }
}
