package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Imported;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepSpeed's OneCycle with momentum on DJL. Expected values by hand from DeepSpeed's {@code
 * OneCycle} for {@code training/ds_config.json}: the learning rate {@code 3e-4 + 2.7e-3 * i / 150}
 * up, the mirror image down, then {@code 3e-4 / (1 + 0.1 * t / 50)}; β1 {@code 0.95 - 0.1 * i /
 * 150} down and back, except the first update's {@code cycle_min_mom}.
 */
class DeepSpeedOneCycleTest {
  private static final String CONFIG = ConfigFiles.text(new String[0], DeepSpeedOneCycle.CONFIG);
  private static final Imported IMPORTED = DeepSpeedOneCycle.read(CONFIG);
  private static final Trace TRACE = DeepSpeedOneCycle.run(Samples.digits(), IMPORTED.plan(), DeepSpeedOneCycle.weightDecay(IMPORTED), 400);

  @Test
  void theReaderWarnsAboutTheFirstBeta1() {
    assertEquals(List.of("FirstBeta1AtMin", "IgnoredSetting"), IMPORTED.warnings().stream().map(w -> w.code().id()).toList());
    assertEquals("[IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        IMPORTED.warnings().get(1).toString());
    assertEquals(0.01f, DeepSpeedOneCycle.weightDecay(IMPORTED));
  }

  @Test
  void theLearningRateCyclesThenDecays() {
    assertEquals(3e-4, TRACE.value(0, 0, Plan.LR), 1e-18);
    assertEquals(1.65e-3, TRACE.value(75, 0, Plan.LR), 1e-17);
    assertEquals(3e-3, TRACE.value(150, 0, Plan.LR), 1e-17);
    assertEquals(1.65e-3, TRACE.value(225, 0, Plan.LR), 1e-17);
    assertEquals(3e-4, TRACE.value(300, 0, Plan.LR), 1e-17);
    assertEquals(3e-4 / 1.1, TRACE.value(350, 0, Plan.LR), 1e-18);
  }

  @Test
  void beta1MirrorsTheLearningRate() {
    assertEquals(0.85, TRACE.value(0, 0, Plan.MOMENTUM), "DeepSpeed's first update: cycle_min_mom");
    assertEquals(0.95 - 0.1 / 150, TRACE.value(1, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.9, TRACE.value(75, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.85, TRACE.value(150, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.95, TRACE.value(300, 0, Plan.MOMENTUM), 1e-15);
    assertEquals(0.95, TRACE.value(399, 0, Plan.MOMENTUM), 1e-15, "held after the cycle (decay_mom_rate 0)");
    assertTrue(TRACE.meanLoss(20, true) < TRACE.meanLoss(20, false) / 4, "the loss fell");
  }

  @Test
  void mainPrintsTheWarningAndTheCycle() {
    String out = Samples.stdout(() -> DeepSpeedOneCycle.main(new String[0]));
    assertTrue(out.startsWith("note: [FirstBeta1AtMin] scheduler.params.cycle_min_mom: "), out);
    assertTrue(out.contains("step 150  lr 3.0000e-03  beta1 0.8500\n"), out);
  }
}
