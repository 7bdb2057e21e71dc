package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user builds against the published artifacts: the builder, a generated schedule, a short DJL run. */
class ConsumerTest {
  @TempDir Path dir;

  @Test
  void theGeneratedScheduleIsTheBuiltOne() {
    Schedule built = Schedules.linear(0.01, 0.1).over(4).then().cosineTo(0.001).over(16).build();
    for (long step = 0; step < 30; step++) {
      assertEquals(built.valueAt(step), WarmupSchedule.SCHEDULE.valueAt(step), "step " + step);
    }
  }

  @Test
  void aDjlRunAppliesTheGeneratedSchedule() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Path log = dir.resolve("applied.csv");
    ScheduledTraining schedule = ScheduledTraining.builder()
        .setPlan(Plan.of(WarmupSchedule.SCHEDULE))
        .optCsvLog(log)
        .build();
    try (NDManager data = NDManager.newBaseManager(); Model model = Model.newInstance("consumer")) {
      model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(1).build()));
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(ScheduledSgd.builder(schedule).build())
          .addTrainingListeners(schedule.listener());
      ArrayDataset train = new ArrayDataset.Builder()
          .setData(data.randomNormal(new Shape(40, 3))).optLabels(data.randomNormal(new Shape(40, 1)))
          .setSampling(4, false).build();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(4, 3));
        EasyTrain.fit(trainer, 2, train, null); // 2 epochs of 10 batches: 20 updates
      }
    }
    List<String> rows = Files.readAllLines(log);
    assertEquals(21, rows.size(), String.join("\n", rows));
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      long step = Long.parseLong(cells[0]);
      // DJL applies the learning rate as a float: the log holds the schedule's value rounded to one.
      assertEquals((float) WarmupSchedule.SCHEDULE.valueAt(step), Float.parseFloat(cells[3]), row);
    }
  }
}
