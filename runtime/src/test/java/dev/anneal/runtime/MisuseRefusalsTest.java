package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's refusals of a schedule used in a way it cannot serve: each names what was done and
 * what to do instead, as one complete line.
 */
class MisuseRefusalsTest {
  private static final Plan LR_ONLY = Plan.of(Schedules.constant(0.1).forever().build());
  private static final Plan PLATEAU = Plan.of(Schedules.plateau(0.05).forever().build());

  @TempDir Path dir;

  @Test
  void twoGroupsOfOneNameAreRefused() {
    ScheduledTraining.Builder builder = ScheduledTraining.builder().addGroup(ParameterGroup.of("all", "glob:*", LR_ONLY));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> builder.addGroup(ParameterGroup.of("all", "glob:*_bias", LR_ONLY)));
    assertEquals("[DuplicateGroup] groups.all: two groups are named all; group names must be unique", e.getMessage());
  }

  @Test
  void aSecondOptimizerOfOneScheduleIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd.builder(schedule).build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> ScheduledSgd.builder(schedule).build());
    assertEquals("[SecondOptimizer] optimizer: this training schedule already drives an optimizer; build one ScheduledTraining per optimizer",
        e.getMessage());
  }

  @Test
  void aConstantWeightDecayBesideAWeightDecayChannelIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY.with(Plan.WEIGHT_DECAY, Schedules.constant(1e-4).forever().build()));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ScheduledSgd.builder(schedule).optWeightDecays(0.01f).build());
    assertEquals("[WeightDecayTwice] weight_decay: ScheduledSgd has a constant weight decay (optWeightDecays 0.01) and a weight_decay channel;"
        + " keep one", e.getMessage());
  }

  @Test
  void aNonFiniteMetricIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(PLATEAU);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> schedule.observe(Double.NaN));
    assertEquals("[NonFiniteMetric] metric: the metric observed after step 0 is NaN; a reactive phase needs a finite metric", e.getMessage());
  }

  @Test
  void anUpdateBeforeTrainingBeganIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd sgd = ScheduledSgd.builder(schedule).build();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = manager.ones(new Shape(2));
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> sgd.update("weight-id", weight, weight));
      assertEquals("[NotBoundAtUpdate] listener: the training schedule is not bound to a trainer: parameter weight-id is being updated, but the"
          + " schedule's listener never saw training begin; add ScheduledTraining.listener() to the DefaultTrainingConfig before creating the"
          + " trainer", e.getMessage());
    }
  }

  @Test
  void anUpdateOfAParameterBoundNeverIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd sgd = ScheduledSgd.builder(schedule).build();
    schedule.bind(Map.of("weight", "weight-id"), 1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = manager.ones(new Shape(2));
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> sgd.update("other-id", weight, weight));
      assertEquals("[UnknownParameter] parameterId: parameter id other-id is not among the parameters bound at the start of training;"
          + " rebuild the trainer after changing the model", e.getMessage());
    }
  }

  @Test
  void savingWithoutTheListenerIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(ScheduledSgd.builder(schedule).build());
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = model.newTrainer(config)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Checkpoints.save(trainer, schedule, dir, "tiny"));
      assertEquals("[NotBoundAtSave] listener: the training schedule is not bound to a trainer: save needs the parameters bound when"
          + " training began; add ScheduledTraining.listener() to the training config", e.getMessage());
    }
  }

  @Test
  void aTrainingLossFeedbackWithoutTrainingBatchesIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(PLATEAU).optFeedback(Feedback.trainingLossEvery(1)).build();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.step(trainer, schedule, 0));
      assertEquals("[NoTrainingBatch] feedback: feedback trainingLossEvery(1) saw no training batch before update 1; train with"
          + " EasyTrain.trainBatch (it notifies the listener) or call ScheduledTraining.observe yourself", e.getMessage());
    }
  }

  @Test
  void aValidationLossFeedbackWithoutValidationDataIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.builder().setPlan(PLATEAU).optFeedback(Feedback.validationLossEachEpoch()).build();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      ArrayDataset training = EasyTrainTest.data(manager, 0);
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> EasyTrain.fit(trainer, 1, training, null));
      assertEquals("[NoValidationBatch] feedback: feedback validationLossEachEpoch found no validation batch in epoch 1; pass a validation"
          + " dataset to EasyTrain.fit or choose another feedback", e.getMessage());
    }
  }

  @Test
  void restoringIntoAScheduleThatAlreadyStepsIsRefused() throws Exception {
    Path params = savedWithSgd();
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd sgd = ScheduledSgd.builder(schedule).build();
    schedule.bind(Map.of("weight", "weight-id"), 1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = manager.ones(new Shape(2));
      sgd.update("weight-id", weight, weight);
    }
    schedule.endStep();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[RestoreAfterUpdate] step: restore a checkpoint before the first update; this schedule has already applied 1 updates",
        e.getMessage());
  }

  @Test
  void aSidecarBesideAnotherParamsFileIsRefused() throws Exception {
    Path params = savedWithSgd();
    Path other = dir.resolve("other-0000.params");
    Files.copy(params, other);
    Files.copy(Sidecar.pathFor(params), Sidecar.pathFor(other));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Tiny.restore(ScheduledTraining.of(LR_ONLY), other, ResumePolicy.FAIL_ON_DIFFERENCE));
    assertEquals("[SidecarOfAnotherFile] paramsFile: " + Sidecar.pathFor(other) + " belongs to tiny-0000.params, not to other-0000.params;"
        + " refusing to resume from it", e.getMessage());
  }

  @Test
  void optimizerStateWithoutAnAnnealOptimizerIsRefused() throws Exception {
    Path params = savedWithSgd();
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE);
      Optimizer djl = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.trainer(model, djl, schedule).close());
      assertEquals("[OptimizerMissing] optimizer: the checkpoint holds the state of an Anneal sgd optimizer, but this run has none;"
          + " build ScheduledSgd or ScheduledAdam from this schedule", e.getMessage());
    }
  }

  /** A checkpoint of {@link Tiny#linear()} after two updates of {@link ScheduledSgd} with momentum. */
  private Path savedWithSgd() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    try (Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).optMomentum(0.9f).build(), schedule)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, schedule, 0);
      Tiny.step(trainer, schedule, 1);
      return Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }
}
