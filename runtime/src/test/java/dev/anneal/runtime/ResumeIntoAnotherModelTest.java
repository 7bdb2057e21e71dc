package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint restored into a model built otherwise than the one saved is refused, parameter by
 * parameter with both shapes, before anything is loaded: DJL's load replaces each parameter's
 * array, and with it the layer's width, so a model declared 32 wide silently became 64 wide.
 */
class ResumeIntoAnotherModelTest {
  private static final String FIX = "; restore into a model built as it was saved";

  @TempDir Path dir;
  Path params;

  /** A hidden layer {@code width} wide, then {@link Tiny#OUT} outputs, on {@link Tiny#IN} inputs. */
  static Block hidden(int width) {
    return new SequentialBlock().add(Linear.builder().setUnits(width).build()).add(Linear.builder().setUnits(Tiny.OUT).build());
  }

  @BeforeEach
  void saveAModelOfWidth64() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(hidden(64)); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      Tiny.setParameters(model);
      for (int b = 0; b < 3; b++) {
        Tiny.step(trainer, schedule, b);
      }
      params = Checkpoints.save(trainer, schedule, dir, "tiny");
    }
  }

  @Test
  void aNarrowerModelBuiltButNotInitializedIsRefusedWithEveryShape() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(hidden(32))) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE));

      assertEquals(String.join("\n",
          "[ParameterShapeChanged] parameters.01Linear_weight: parameter 01Linear_weight has shape (64, 3) in the checkpoint but (32, 3) in the model" + FIX,
          "[ParameterShapeChanged] parameters.01Linear_bias: parameter 01Linear_bias has shape (64) in the checkpoint but (32) in the model" + FIX,
          "[ParameterShapeChanged] parameters.02Linear_weight: parameter 02Linear_weight has shape (2, 64) in the checkpoint but (2, 32) in the model" + FIX),
          e.getMessage());
      assertEquals(32, model.getBlock().getParameters().get("01Linear_weight").getArray().getShape().get(0), "still 32 wide");
      assertEquals(0, schedule.step(), "the schedule is not restored either");
    }
  }

  /** Built, initialized and given its own values: they are all still there after the refusal. */
  @Test
  void aNarrowerInitializedModelKeepsItsParameters() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(hidden(32))) {
      model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(4, Tiny.IN));
      Tiny.setParameters(model);
      Map<String, float[]> before = Tiny.parameters(model);

      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE));

      assertEquals("[ParameterShapeChanged] parameters.01Linear_weight: parameter 01Linear_weight has shape (64, 3) in the checkpoint but (32, 3)"
          + " in the model" + FIX, e.getMessage().lines().findFirst().orElseThrow());
      assertEquals(3, e.violations().size());
      Map<String, float[]> after = Tiny.parameters(model);
      assertEquals(before.keySet(), after.keySet());
      for (String name : before.keySet()) {
        assertArrayEquals(before.get(name), after.get(name), 0f, name);
      }
    }
  }

  /** The trainer holds the arrays trainer.initialize found; loading would replace them behind its back. */
  @Test
  void aRestoreAfterTrainerInitializeIsRefused() throws Exception {
    ScheduledTraining schedule = ScheduledTraining.of(CheckpointsTest.PLAN);
    try (Model model = Tiny.model(hidden(64)); Trainer trainer = Tiny.trainer(model, ScheduledSgd.builder(schedule).build(), schedule)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, schedule, params, ResumePolicy.FAIL_ON_DIFFERENCE));

      assertEquals("[RestoreAfterInitialize] trainer: restore the checkpoint before trainer.initialize: the trainer holds the model's parameter"
          + " arrays, which loading replaces, so it would go on training the old ones", e.getMessage());
      assertEquals(0, schedule.step());
    }
  }

  @Test
  void parametersMissingFromEitherSideAreNamed() throws Exception {
    Block deeper = new SequentialBlock()
        .add(Linear.builder().setUnits(64).build())
        .add(Linear.builder().setUnits(Tiny.OUT).build())
        .add(Linear.builder().setUnits(Tiny.OUT).optBias(false).build());
    try (Model model = Tiny.model(deeper)) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, ScheduledTraining.of(CheckpointsTest.PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));

      assertEquals("[ParameterNotInCheckpoint] parameters.03Linear_weight: parameter 03Linear_weight of shape (2, 2) is in the model but not in the"
          + " checkpoint" + FIX, e.getMessage());
    }
  }

  @Test
  void parametersOnlyInTheCheckpointAreNamed() throws Exception {
    try (Model model = Tiny.model(Tiny.linear())) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
          () -> Checkpoints.restore(model, ScheduledTraining.of(CheckpointsTest.PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE));

      assertEquals(String.join("\n",
          "[ParameterShapeChanged] parameters.01Linear_weight: parameter 01Linear_weight has shape (64, 3) in the checkpoint but (2, 3) in the model" + FIX,
          "[ParameterShapeChanged] parameters.01Linear_bias: parameter 01Linear_bias has shape (64) in the checkpoint but (2) in the model" + FIX,
          "[ParameterNotInModel] parameters.02Linear_weight: parameter 02Linear_weight of shape (2, 64) is in the checkpoint but not in the model" + FIX,
          "[ParameterNotInModel] parameters.02Linear_bias: parameter 02Linear_bias of shape (2) is in the checkpoint but not in the model" + FIX),
          e.getMessage());
    }
  }

  @Test
  void theModelItWasSavedFromResumesWithItsValues() throws Exception {
    Map<String, float[]> saved;
    try (Model model = Tiny.model(hidden(64))) {
      Checkpoints.restore(model, ScheduledTraining.of(CheckpointsTest.PLAN), params, ResumePolicy.FAIL_ON_DIFFERENCE);
      saved = Tiny.parameters(model);
    }
    try (Model model = Tiny.model(hidden(64))) {
      model.load(dir, "tiny"); // DJL's own reading of the same file
      Map<String, float[]> djl = Tiny.parameters(model);
      for (String name : djl.keySet()) {
        assertArrayEquals(djl.get(name), saved.get(name), 0f, name);
      }
    }
  }
}
