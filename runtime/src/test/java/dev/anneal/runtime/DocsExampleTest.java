package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import dev.anneal.builder.Schedules;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Train with DJL" example of docs/runtime.md, as written there (paths under a temporary folder). */
class DocsExampleTest {
  @Test
  void theTrainWithDjlExampleRuns(@TempDir Path build) throws Exception {
    Schedule lr = Schedules.linear(0.0, 3e-3).over(200).then().cosineTo(3e-5).over(1_800).build();
    Plan plan = Plan.of(lr).with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.1).over(2_000).build());
    ScheduledTraining schedule = ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("weights", "glob:*_weight", plan))
        .addGroup(ParameterGroup.scaled("biases", "glob:*_bias", plan, Map.of(Plan.WEIGHT_DECAY, 0.0)))
        .optCsvLog(build.resolve("applied.csv"))
        .build();
    try (NDManager data = NDManager.newBaseManager();
         Model model = Model.newInstance("mlp")) {
      model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(32).build())
          .add(Activation.reluBlock()).add(Linear.builder().setUnits(1).build()));
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(ScheduledAdam.adamW(schedule).build())
          .optDevices(TrainingDevices.select())
          .addTrainingListeners(schedule.listener());
      ArrayDataset train = new ArrayDataset.Builder()
          .setData(data.randomNormal(new Shape(1024, 8))).optLabels(data.randomNormal(new Shape(1024, 1)))
          .setSampling(32, true).build();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(32, 8));
        EasyTrain.fit(trainer, 62, train, null);
        Checkpoints.save(trainer, schedule, build.resolve("ckpt"), "mlp");
      }
    }
    assertEquals(62 * 32, schedule.step());
    // 2 groups × 2 channels per update, plus the header
    assertEquals(1 + 62 * 32 * 4, Files.readAllLines(build.resolve("applied.csv")).size());
    assertEquals(true, Files.exists(build.resolve("ckpt").resolve("mlp-0000.params.anneal")));
  }
}
