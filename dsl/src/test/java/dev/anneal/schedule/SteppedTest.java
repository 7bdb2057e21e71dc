package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A schedule stepped per epoch holds its value through each epoch and observes once per epoch. */
class SteppedTest {

  @Test
  void holdsTheValueThroughEachEpochAsAPerEpochLoopDoes() {
    // StepLR(step_size=2, gamma=0.5) stepped after each epoch of 3 updates.
    Stepped lr = new Stepped(Sequence.of(new StepDecay(1.0, 2, 0.5), 4, AfterEnd.HOLD), Cadence.perEpoch(3));
    double[] expected = {1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25};
    for (int step = 0; step < expected.length; step++) {
      assertEquals(expected[step], lr.valueAt(step), "step " + step);
    }
    assertEquals(OptionalLong.of(12), lr.declaredEnd());
  }

  @Test
  void aPlateauSeesOnlyTheMetricAfterTheLastUpdateOfAnEpoch() {
    Plateau plateau = new Plateau(1.0, Plateau.Mode.MIN, 0.5, 0, 0, Plateau.ThresholdMode.ABS, 0, 0, 1e-8);
    Stepped lr = new Stepped(new Sequence(List.of(new Phase(plateau, Phase.OPEN))), Cadence.perEpoch(2));
    ScheduleState state = lr.initialState();
    // Epoch 1: metrics 5 (ignored, mid-epoch) and 3; epoch 2: 1 (ignored) and 4, worse than 3: halve.
    double[] metrics = {5, 3, 1, 4};
    for (int step = 0; step < metrics.length; step++) {
      state = lr.observe(state, step, metrics[step]);
    }
    assertEquals(0.5, lr.valueAt(4, state));
    assertEquals(1.0, lr.valueAt(3));
  }

  @Test
  void aStepDecayThenAPlateauPerEpoch() {
    // 2 epochs of 3 updates at 1.0 then 0.5 (StepLR every epoch), then a plateau from 0.25 that halves
    // after one bad epoch: the seed-style "step decay followed by a plateau phase".
    Plateau plateau = new Plateau(0.25, Plateau.Mode.MIN, 0.5, 0, 0, Plateau.ThresholdMode.ABS, 0, 0, 1e-8);
    Stepped lr = new Stepped(new Sequence(List.of(new Phase(new StepDecay(1.0, 1, 0.5), 2), new Phase(plateau, Phase.OPEN))), Cadence.perEpoch(3));
    ScheduleState state = lr.initialState();
    double[] epochLoss = {9, 9, 2, 3};
    double[] values = new double[15];
    for (int step = 0; step < values.length; step++) {
      values[step] = lr.valueAt(step, state);
      state = lr.observe(state, step, epochLoss[Math.min(step / 3, epochLoss.length - 1)]);
    }
    assertEquals(List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125),
        java.util.Arrays.stream(values).boxed().toList());
  }

  @Test
  void explainsTheEpochAndTheWrappedPhase() {
    Stepped lr = new Stepped(Sequence.of(new Cosine(1, 0), 10, AfterEnd.HOLD), Cadence.every(4));
    Explanation explanation = lr.explain(9);
    assertEquals("stepped every 4 updates", explanation.name());
    assertEquals(2L, explanation.inputs().get("own_step"));
    assertEquals(2, explanation.parts().get(0).step());
  }
}
