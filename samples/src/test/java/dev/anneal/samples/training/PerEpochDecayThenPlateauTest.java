package dev.anneal.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.schedule.Plan;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-epoch sample: every update uses its epoch's rate, computed here by hand from PyTorch's rules. */
class PerEpochDecayThenPlateauTest {
  private static final int EPOCHS = 9;

  @Test
  void everyUpdateUsesItsEpochsRateAndThePlateauSeesOneValidationLossPerEpoch() {
    PerEpochDecayThenPlateau.Result result = PerEpochDecayThenPlateau.run(Samples.digits(), EPOCHS);
    assertEquals(1438 / 32, result.updatesPerEpoch(), "1438 training rows in batches of 32, the last partial one dropped");
    List<Double> losses = result.validationLosses();
    assertEquals(EPOCHS, losses.size());

    double[] rates = new double[EPOCHS];
    rates[0] = 0.05; // StepLR(step_size=2, gamma=0.5) from 0.05 for epochs 0-3
    rates[1] = 0.05;
    rates[2] = 0.025;
    rates[3] = 0.025;
    // ReduceLROnPlateau(factor=0.5, patience=0, threshold=0) from 0.0125, stepped with the loss after epochs 4, 5, …
    double rate = 0.0125;
    double best = Double.POSITIVE_INFINITY;
    for (int epoch = 4; epoch < EPOCHS; epoch++) {
      rates[epoch] = rate;
      if (losses.get(epoch) < best) {
        best = losses.get(epoch);
      } else {
        rate *= 0.5;
      }
    }
    Trace trace = result.trace();
    assertEquals(EPOCHS * result.updatesPerEpoch(), trace.updates());
    for (long step = 0; step < trace.updates(); step++) {
      int epoch = (int) (step / result.updatesPerEpoch());
      assertEquals(rates[epoch], trace.value(step, 0, Plan.LR), 0.0, "update " + step + " of epoch " + epoch + ", rates " + Arrays.toString(rates));
    }
    assertTrue(result.heldOutAccuracy() > 0.9, "held-out accuracy " + result.heldOutAccuracy());
  }

  @Test
  void mainPrintsTheRateAndLossOfEachEpoch() {
    String out = Samples.stdout(() -> PerEpochDecayThenPlateau.main(new String[] {"3"}));
    String[] lines = out.split("\n");
    assertEquals(4, lines.length, out);
    assertTrue(lines[0].startsWith("epoch  0  lr 0.05000  validation loss "), out);
    assertTrue(lines[2].startsWith("epoch  2  lr 0.02500  validation loss "), out);
    assertTrue(lines[3].startsWith("44 updates per epoch, held-out accuracy "), out);
  }
}
