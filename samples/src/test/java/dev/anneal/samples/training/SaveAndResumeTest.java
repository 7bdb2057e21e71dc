package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.schedule.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped, saved and resumed in a fresh model and trainer equals the run that never stopped. */
class SaveAndResumeTest {
  private static final long STEPS = 80;
  private static final long STOP_AT = 33;

  @Test
  void theResumedRunAppliesTheSameValuesAndEndsWithTheSameParameters(@TempDir Path dir) throws Exception {
    SaveAndResume.Outcome straight = SaveAndResume.uninterrupted(Samples.digits(), STEPS);
    SaveAndResume.Outcome resumed = SaveAndResume.stoppedAndResumed(Samples.digits(), STEPS, STOP_AT, dir);

    assertTrue(Files.exists(dir.resolve("digits-0000.params")), "DJL's parameters");
    assertTrue(Files.exists(dir.resolve("digits-0000.params.anneal")), "Anneal's sidecar");
    assertEquals(STEPS, resumed.trace().updates());
    for (long step = 0; step < STEPS; step++) {
      assertEquals(straight.trace().value(step, 0, Plan.LR), resumed.trace().value(step, 0, Plan.LR), "lr at " + step);
      assertEquals(0.01, resumed.trace().value(step, 0, Plan.WEIGHT_DECAY), "weight decay at " + step);
    }
    assertArrayEquals(straight.trace().losses(), resumed.trace().losses(), 0f, "the losses of the same batches on the same weights");
    // warm-up of 8 steps from 3e-5 to 3e-3, then a cosine of 72 to 3e-5: step 33 is 25 steps into it
    double cosine = 3e-5 + (3e-3 - 3e-5) * (1 + Math.cos(Math.PI * 25 / 72)) / 2;
    assertEquals(cosine, resumed.trace().value(STOP_AT, 0, Plan.LR), 1e-17, "the first update after the resume");
    assertEquals(straight.parameters().keySet(), resumed.parameters().keySet());
    for (String name : straight.parameters().keySet()) {
      assertArrayEquals(straight.parameters().get(name), resumed.parameters().get(name), 0f, name);
    }
    assertTrue(resumed.sameParameters(straight));
  }

  @Test
  void mainReportsIdenticalParameters(@TempDir Path dir) {
    String out = Samples.stdout(() -> {
      try {
        SaveAndResume.main(new String[] {dir.toString()});
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(out.endsWith("final parameters: identical to the uninterrupted run's\n"), out);
  }
}
