package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import dev.anneal.rules.InvalidScheduleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The range test on linear regression with inputs of variance 9: the loss {@code ½·mean((x·w + b −
 * y)²)} has curvature about 9 along the weights, so plain SGD converges for learning rates below
 * 2/9 ≈ 0.22 and diverges above. The test must stop early (the ramp reaches 10), suggest rates
 * inside the stable range (the smoothed minimum lags the divergence by a few steps, so {@code
 * cycle_max_lr} may pass the edge by a little), and leave the model exactly as it found it.
 */
class LrRangeTestTest {
  static final int ROWS = 256;

  static ArrayDataset regression(NDManager manager) {
    float[] x = new float[ROWS * 3];
    float[] y = new float[ROWS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < 3; c++) {
        x[r * 3 + c] = (float) (3 * Math.sqrt(2) * Math.sin(1.7 * r + 2.3 * c + 0.4 * r * c));
      }
      y[r] = 1.5f * x[r * 3] - 2f * x[r * 3 + 1] + 0.5f * x[r * 3 + 2] + 0.3f;
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(x, new Shape(ROWS, 3)))
        .optLabels(manager.create(y, new Shape(ROWS, 1)))
        .setSampling(16, false)
        .build();
  }

  @Test
  void suggestsAStableRateAndRestoresTheParameters() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); Model model = Tiny.model(new ai.djl.nn.SequentialBlock().add(ai.djl.nn.core.Linear.builder().setUnits(1).build()))) {
      model.getBlock().setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(16, 3));
      Map<String, float[]> before = Tiny.parameters(model);

      RangeTestResult result = LrRangeTest.builder().optStartLr(1e-5).optEndLr(10).optSteps(100).optDevices(Device.cpu()).build()
          .run(model, Loss.l2Loss(), regression(manager), new Shape(16, 3));

      assertTrue(result.stoppedEarly(), "the loss must diverge before lr 10");
      assertTrue(result.points().size() < 100);
      assertEquals(1e-5, result.points().get(0).lr(), 1e-5 * 1e-6);
      double stableBelow = 2.0 / 9;
      assertTrue(result.steepest() > 1e-3 && result.steepest() < stableBelow, "steepest " + result.steepest());
      assertTrue(result.minimumOverTen() > 1e-3 && result.minimumOverTen() < stableBelow, "minimum/10 " + result.minimumOverTen());
      assertTrue(result.cycleMaxLr() > 0.05 && result.cycleMaxLr() < 3 * stableBelow, "cycle_max_lr " + result.cycleMaxLr());
      assertEquals(result.cycleMaxLr() / 10, result.cycleMinLr(), 0.0);
      Map<String, float[]> after = Tiny.parameters(model);
      for (String name : before.keySet()) {
        assertArrayEquals(before.get(name), after.get(name), 0f, name + " must be restored exactly");
      }
    }
  }

  /**
   * The restored parameters are the model's again, not a copy beside it: they still ask for
   * gradients, so a second test on the same model trains them and measures the very same curve.
   */
  @Test
  void aSecondTestOnTheRestoredModelMeasuresTheSameCurve() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); Model model = Tiny.model(new ai.djl.nn.SequentialBlock().add(ai.djl.nn.core.Linear.builder().setUnits(1).build()))) {
      model.getBlock().setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(16, 3));
      LrRangeTest test = LrRangeTest.builder().optStartLr(1e-5).optEndLr(10).optSteps(100).optDevices(Device.cpu()).build();

      RangeTestResult first = test.run(model, Loss.l2Loss(), regression(manager), new Shape(16, 3));
      RangeTestResult second = test.run(model, Loss.l2Loss(), regression(manager), new Shape(16, 3));

      assertEquals(first.points(), second.points());
      for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
        assertTrue(parameter.getValue().getArray().hasGradient(), parameter.getKey() + " must ask for gradients again");
      }
    }
  }

  @Test
  void badSettingsAreListedTogether() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> LrRangeTest.builder().optStartLr(1).optEndLr(0.5).optSteps(1).optSmoothing(1).build());
    assertEquals("[OutOfRange] endLr: endLr (0.5) must lie in (startLr, ∞) = (1, ∞)\n"
        + "[OutOfRange] steps: steps (1) must lie in [5, ∞) (the suggestions need 5 losses)\n"
        + "[OutOfRange] smoothing: smoothing (1) must lie in [0, 1)", e.getMessage());
  }

  @Test
  void learningRatesMustBeNormalFloats() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> LrRangeTest.builder().optStartLr(1e-310).optEndLr(Double.POSITIVE_INFINITY).build());
    assertEquals("[OutOfRange] startLr: startLr (1.0E-310) must lie in [1.17549435E-38, 3.4028235E38], the normal range of the 32-bit"
        + " floats the optimizer applies\n"
        + "[NonFiniteValue] endLr: endLr (Infinity) must be a finite number", e.getMessage());
  }

  private static RangeTestResult.Point point(int step, double lr, double loss) {
    return new RangeTestResult.Point(step, lr, loss, loss);
  }

  /** Two points, the second the divergence: suggested 1e30 before, as if the curve had been measured. */
  @Test
  void fewerThanFiveUsableLossesAreRefused() {
    List<RangeTestResult.Point> diverged = List.of(point(0, 1e30, 2.3), point(1, 2e30, 1e9));

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> LrRangeTest.suggest(diverged, true));

    assertEquals("[RangeTestTooShort] too few usable losses to suggest a learning rate: 1 (finite, measured before the loss diverged at"
        + " learning rate 2.0E30 on update 2), at least 5 needed; start from a smaller startLr, or let the learning rate grow more slowly"
        + " with a smaller endLr or more steps", e.getMessage());
  }

  /** A non-finite loss is never usable; the four finite ones before it are one too few. */
  @Test
  void aNonFiniteLossEndsTheUsableCurve() {
    List<RangeTestResult.Point> points = List.of(
        point(0, 1e-3, 2.3), point(1, 1e-2, 2.2), point(2, 1e-1, 2.0), point(3, 1, 1.9), point(4, 10, Double.NaN));

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> LrRangeTest.suggest(points, true));

    assertEquals("[RangeTestTooShort] too few usable losses to suggest a learning rate: 4 (finite, measured before the loss diverged at"
        + " learning rate 10.0 on update 5), at least 5 needed; start from a smaller startLr, or let the learning rate grow more slowly"
        + " with a smaller endLr or more steps", e.getMessage());
  }

  /** Five usable losses and the divergence: the suggestions come from the five, never from the diverged point. */
  @Test
  void suggestionsNeverUseTheDivergedPoint() {
    List<RangeTestResult.Point> points = List.of(point(0, 1e-4, 2.3), point(1, 1e-3, 2.2), point(2, 1e-2, 1.6), point(3, 1e-1, 1.55),
        point(4, 1, 1.5), point(5, 10, 0.1));

    RangeTestResult result = LrRangeTest.suggest(points, true);

    assertEquals(1e-3, result.steepest(), 0.0); // (1.6 − 2.3) / ln(100), the steepest central difference
    assertEquals(1, result.cycleMaxLr(), 0.0); // at the lowest usable loss, 1.5; the diverged point's 0.1 is not usable
    assertEquals(0.1, result.minimumOverTen(), 0.0);
  }
  /**
   * The divergence starts where the smoothed loss rises more than 10% above its lowest for good:
   * not at the lowest loss, nor at the stop, nor where it first rose and came back.
   */
  @Test
  void theLossStartsToDivergeWhereItLeavesItsLowestByATenthForGood() {
    List<RangeTestResult.Point> points = List.of(point(0, 1e-4, 2.3), point(1, 1e-3, 2.2), point(2, 1e-2, 1.6), point(3, 1e-1, 1.55),
        point(4, 1, 1.5), point(5, 2, 1.7), point(6, 3, 1.6), point(7, 4, 1.8), point(8, 5, 2.5), point(9, 6, 9.0));

    RangeTestResult.Divergence divergence = LrRangeTest.suggest(points, true).divergence().orElseThrow();

    assertEquals(points.get(6), divergence.lastBefore()); // 1.6, within 1.65 (1.5 + 10%), after 1.7 had left it
    assertEquals(points.get(7), divergence.first());
  }

  /** A loss that stays within a tenth of its lowest until the update that stops the test diverges at that update. */
  @Test
  void withoutARiseTheLossDivergesAtTheUpdateThatStoppedTheTest() {
    List<RangeTestResult.Point> points = List.of(point(0, 1e-4, 2.3), point(1, 1e-3, 2.2), point(2, 1e-2, 1.6), point(3, 1e-1, 1.55),
        point(4, 1, 1.5), point(5, 2, 1.6), point(6, 10, Double.NaN));

    RangeTestResult.Divergence divergence = LrRangeTest.suggest(points, true).divergence().orElseThrow();

    assertEquals(points.get(5), divergence.lastBefore());
    assertEquals(points.get(6), divergence.first());
  }

  /** A test that ran every update sees a divergence only where the loss left its lowest by more than a tenth. */
  @Test
  void aTestThatNeverStoppedDivergedOnlyIfItsLossRoseATenthForGood() {
    List<RangeTestResult.Point> within = List.of(point(0, 1e-4, 2.3), point(1, 1e-3, 2.2), point(2, 1e-2, 1.6), point(3, 1e-1, 1.55),
        point(4, 1, 1.5), point(5, 10, 1.65));
    List<RangeTestResult.Point> rose = List.of(point(0, 1e-4, 2.3), point(1, 1e-3, 2.2), point(2, 1e-2, 1.6), point(3, 1e-1, 1.55),
        point(4, 1, 1.5), point(5, 10, 1.66));

    RangeTestResult result = LrRangeTest.suggest(within, false);

    assertEquals(java.util.Optional.empty(), result.divergence());
    assertEquals(1, result.lowestLossLr(), 0.0);
    assertEquals(new RangeTestResult.Divergence(rose.get(4), rose.get(5)), LrRangeTest.suggest(rose, false).divergence().orElseThrow());
  }
}
