package dev.anneal.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.cli.chart.LabelLayout.Label;
import dev.anneal.cli.chart.LabelLayout.Layout;
import dev.anneal.cli.chart.LabelLayout.Placed;
import dev.anneal.cli.chart.LabelLayout.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** {@link LabelLayout}: labels of phases and of the declared end, in pixels, on a plot from 100 to 900. */
class LabelLayoutTest {
  /** Every character 7 pixels wide. */
  private static final ToDoubleFunction<String> WIDTH = text -> 7.0 * text.length();

  private static Label phase(int index, String name, double start, double next) {
    return new Label(index + ": " + name, Integer.toString(index), index + ": " + name, start, next, Side.AFTER);
  }

  private static Label end(double at) {
    return new Label("declared end", "end", "declared end at step 1000", at, 900, Side.BEFORE);
  }

  @Test
  void aLabelStartsJustRightOfItsBoundary() {
    Layout layout = LabelLayout.of(List.of(phase(0, "linear warm-up", 100, 300), phase(1, "cosine decay", 300, 900)), WIDTH, 100, 900, 2);

    assertEquals(List.of(new Placed(0, "0: linear warm-up", 105, 119, 0), new Placed(1, "1: cosine decay", 305, 105, 0)), layout.placed());
    assertEquals(List.of(), layout.key());
  }

  @Test
  void aShortWarmUpsLabelReachesOverTheNextAndTheNextLabelGoesBelow() {
    // A one-step phase and a warm-up that begins at the same pixel, then the decay 20 pixels on.
    Layout layout = LabelLayout.of(List.of(phase(0, "constant", 100, 100.2), phase(1, "log warm-up", 100.2, 120), phase(2, "linear decay", 120, 900)),
        WIDTH, 100, 900, 2);

    assertEquals(List.of(
        new Placed(0, "0: constant", 105, 77, 0),
        new Placed(1, "1: log warm-up", 105.2, 98, 1),
        // Row 0 is free from 105 + 77 + 12 = 194; the decay's label slides there, within its phase.
        new Placed(2, "2: linear decay", 194, 105, 0)), layout.placed());
  }

  @Test
  void aLabelWithNoRoomOnAnyRowShowsItsIndexAndGoesToTheKey() {
    Layout layout = LabelLayout.of(List.of(
        phase(0, "constant", 100, 100.2), phase(1, "linear warm-up", 100.2, 101), phase(2, "cosine decay", 101, 250), phase(3, "constant", 250, 900)),
        WIDTH, 100, 900, 2);

    assertEquals(List.of("2: cosine decay"), layout.key());
    // Row 0 is free from 105 + 77 + 12 = 194, too late for the full label (it must start by 106),
    // in time for the index (by 250 - 5 - 7 = 238).
    assertEquals(new Placed(2, "2", 194, 7, 0), layout.placed().get(2));
    assertEquals(new Placed(3, "3: constant", 255, 77, 0), layout.placed().get(3));
    assertNoOverlap(layout, 100, 900);
  }

  @Test
  void aLabelWithNoRoomEvenForItsIndexIsOnlyInTheKey() {
    Layout layout = LabelLayout.of(List.of(
        phase(0, "constant", 100, 100.2), phase(1, "linear warm-up", 100.2, 101), phase(2, "cosine decay", 101, 150), phase(3, "constant", 150, 900)),
        WIDTH, 100, 900, 2);

    assertEquals(List.of(0, 1, 3), layout.placed().stream().map(Placed::label).toList());
    assertEquals(List.of("2: cosine decay"), layout.key());
  }

  @Test
  void theDeclaredEndsLabelEndsAtItsLineAndComesFirst() {
    Layout layout = LabelLayout.of(List.of(end(800), phase(0, "cosine decay", 100, 700), phase(1, "constant, held", 700, 900)),
        WIDTH, 100, 900, 2);

    assertEquals(new Placed(0, "declared end", 800 - LabelLayout.PAD - 84, 84, 0), layout.placed().get(0));
    assertEquals(1, layout.placed().get(2).row(), "the phase under the end's label goes below it");
    assertNoOverlap(layout, 100, 900);
  }

  @Test
  void aPhaseStartingAtThePlotsRightEdgeShowsItsIndexInsideThePlot() {
    Layout layout = LabelLayout.of(List.of(phase(0, "one-cycle", 100, 900), phase(1, "constant", 900, 900)), WIDTH, 100, 900, 2);

    assertEquals(new Placed(1, "1", 893, 7, 0), layout.placed().get(1));
    assertEquals(List.of("1: constant"), layout.key());
  }

  @Test
  void manyPhasesNeverOverlapNorLeaveThePlot() {
    Random random = new Random(17);
    for (int trial = 0; trial < 500; trial++) {
      List<Label> labels = new ArrayList<>();
      int count = 1 + random.nextInt(12);
      double[] starts = random.doubles(count, 100, 900).sorted().toArray();
      starts[0] = 100;
      if (random.nextBoolean()) {
        labels.add(end(100 + random.nextDouble() * 800));
      }
      for (int i = 0; i < count; i++) {
        labels.add(phase(i, "x".repeat(1 + random.nextInt(20)), starts[i], i + 1 < count ? starts[i + 1] : 900));
      }
      Layout layout = LabelLayout.of(labels, WIDTH, 100, 900, 2);
      assertNoOverlap(layout, 100, 900);
      long brief = layout.placed().stream().filter(p -> !p.text().equals(labels.get(p.label()).full())).count();
      assertEquals(labels.size() - layout.placed().size() + brief, layout.key().size(), "every label not shown in full is in the key");
    }
  }

  private static void assertNoOverlap(Layout layout, double left, double right) {
    for (Placed a : layout.placed()) {
      assertTrue(a.left() >= left && a.right() <= right, a + " leaves the plot");
      for (Placed b : layout.placed()) {
        if (a != b && a.row() == b.row()) {
          assertTrue(a.right() + LabelLayout.GAP <= b.left() + 1e-9 || b.right() + LabelLayout.GAP <= a.left() + 1e-9, a + " touches " + b);
        }
      }
    }
  }
}
