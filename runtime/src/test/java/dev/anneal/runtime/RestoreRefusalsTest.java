package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals on the way from a checkpoint into a model and an optimizer that do not fit it, each one
 * complete line; the common mismatches are in {@link CheckpointsTest} and {@link
 * ResumeIntoAnotherModelTest}.
 */
class RestoreRefusalsTest {
  private static final Plan LR_ONLY = Plan.of(Schedules.constant(0.1).forever().build());
  private static final String FIX = "; restore into a model built as it was saved";

  @TempDir Path dir;
  Path params;

  @BeforeEach
  void saveAfterTwoUpdatesWithMomentum() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    try (Model model = Tiny.model(Tiny.linear());
        Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).optMomentum(0.9f).build(), schedule)) {
      Tiny.setParameters(model);
      Tiny.step(trainer, schedule, 0);
      Tiny.step(trainer, schedule, 1);
      params = Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }

  @Test
  void aModelThatCannotInitializeItselfIsRefused() {
    SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(Tiny.OUT).build()).add(new LambdaBlock(Function.identity()) {
      @Override
      public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        throw new IllegalStateException("no initializer");
      }
    });
    try (Model model = Tiny.model(block)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, ScheduledTraining.of(LR_ONLY), params, ResumePolicy.FAIL_ON_DIFFERENCE));
      assertEquals("[ModelNotInitialized] model: the model is not initialized and could not be initialized for the input shapes [(4, 3)] of "
          + params + " (no initializer); initialize it (trainer.initialize) before restoring", e.getMessage());
    }
  }

  @Test
  void aBlockThatCannotReadItsParametersIsRefused() {
    SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(Tiny.OUT).build()).add(new LambdaBlock(Function.identity()) {
      @Override
      public void loadParameters(NDManager manager, DataInputStream is) throws MalformedModelException {
        throw new MalformedModelException("nothing to load");
      }
    });
    try (Model model = Tiny.model(block)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, ScheduledTraining.of(LR_ONLY), params, ResumePolicy.FAIL_ON_DIFFERENCE));
      assertEquals("[ParamsNotLoadable] paramsFile: " + params + " does not load into the model (DJL says: nothing to load)" + FIX,
          e.getMessage());
    }
  }

  @Test
  void optimizerStateForAFrozenParameterIsRefused() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    try (Model model = Tiny.model(Tiny.linear())) {
      Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE);
      model.getBlock().getParameters().get("01Linear_bias").freeze(true);
      ScheduledSgd sgd = ScheduledSgd.builder(schedule).optMomentum(0.9f).build();
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Tiny.trainer(model, sgd, schedule).close());
      assertEquals("[OptimizerParametersChanged] parameters: the checkpoint's optimizer state holds parameters [01Linear_weight, 01Linear_bias]"
          + " but the model's trainable parameters are [01Linear_weight]", e.getMessage());
    }
  }

  @Test
  void optimizerStateOfAnotherShapeIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd sgd = ScheduledSgd.builder(schedule).optMomentum(0.9f).build();
    schedule.bind(Map.of("weight", "weight-id"), 1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      sgd.restoreState("sgd", Map.of("weight", Map.of("momentum", manager.zeros(new Shape(3)).encode())));
      NDArray weight = manager.ones(new Shape(2));
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> sgd.update("weight-id", weight, weight));
      assertEquals("[OptimizerStateShape] optimizer.weight.momentum: the checkpoint's momentum of weight has shape (3) float32 but the"
          + " parameter has (2) float32", e.getMessage());
    }
  }

  @Test
  void optimizerStateRestoredAfterAnUpdateIsRefused() {
    ScheduledTraining schedule = ScheduledTraining.of(LR_ONLY);
    ScheduledSgd sgd = ScheduledSgd.builder(schedule).optMomentum(0.9f).build();
    schedule.bind(Map.of("weight", "weight-id"), 1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = manager.ones(new Shape(2));
      sgd.update("weight-id", weight, weight);
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> sgd.restoreState("sgd", Map.of()));
      assertEquals("[OptimizerAlreadyUpdated] optimizer: restore a checkpoint before the first update: the Anneal sgd optimizer has already"
          + " updated parameters", e.getMessage());
    }
  }

  /**
   * A model on one device trained on others needs two devices (a CPU-only machine has one), so this
   * checks the line {@code Checkpoints.save} throws for it.
   */
  @Test
  void aModelOffTheTrainingDevicesIsNamedWithBoth() {
    InvalidScheduleException e = new InvalidScheduleException(
        RuntimeCode.modelOffTrainingDevices(Device.cpu(), List.of(Device.gpu(0), Device.gpu(1))));
    assertEquals("[ModelOffTrainingDevices] device: the model lives on cpu() but the trainer trains on [gpu(0), gpu(1)], so the model's"
        + " parameters are stale until the trainer closes; create the model on the first training device", e.getMessage());
  }

  @Test
  void aRangeTestOnAnEmptyDatasetIsRefused() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); Model model = Tiny.model(Tiny.linear())) {
      ArrayDataset empty = new ArrayDataset.Builder()
          .setData(manager.zeros(new Shape(0, Tiny.IN)))
          .optLabels(manager.zeros(new Shape(0, Tiny.OUT)))
          .setSampling(4, false)
          .build();
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> LrRangeTest.builder().optSteps(10).optDevices(Device.cpu()).build().run(model, Loss.l2Loss(), empty, new Shape(4, Tiny.IN)));
      assertEquals("[EmptyRangeTestDataset] dataset: the range test's dataset has no batch", e.getMessage());
    }
  }
}
