package dev.anneal.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import org.junit.jupiter.api.Test;

/** Where steps lie on an axis in units, and how its ticks read. */
class StepAxisTest {
  @Test
  void largeCountsReadInThousandsToTrillions() {
    assertEquals("0", StepAxis.abbreviated(0));
    assertEquals("999", StepAxis.abbreviated(999));
    assertEquals("1.5K", StepAxis.abbreviated(1_500));
    assertEquals("375M", StepAxis.abbreviated(375e6));
    assertEquals("469B", StepAxis.abbreviated(469e9));
    assertEquals("14.8T", StepAxis.abbreviated(14.8e12));
    assertEquals("2000T", StepAxis.abbreviated(2e15));
  }

  @Test
  void aStepLiesAtWhatTheUpdatesBeforeItConsumed() {
    // Megatron's ramp from 2 to 4 in one increment over 4 samples: the batch at c consumed samples
    // is 2 + 2 * int(c / 4), so 2 at 0 and 2 samples, 4 from 4 on.
    RunGeometry geometry = RunGeometry.builder().sequenceLength(10).batchSchedule(new BatchRamp(2, 2, 4, 4)).build();
    StepAxis tokens = StepAxis.in(Unit.TOKENS, geometry);
    assertEquals(0, tokens.at(0));
    assertEquals(20, tokens.at(1));
    assertEquals(40, tokens.at(2));
    // The third update starts at 4 samples, where the batch becomes 4: 2 + 2 + 4 samples of 10 tokens.
    assertEquals(80, tokens.at(3));
    assertEquals(3, StepAxis.updates().at(3));
    assertEquals("tokens consumed", tokens.title());
    assertEquals("1.5M", tokens.tickLabels().apply(1.5e6));
  }
}
