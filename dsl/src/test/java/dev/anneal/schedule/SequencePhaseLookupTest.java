package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The phase containing a step, found by a scan for up to eight phases and by binary search beyond:
 * every step of sequences of 1 to 12 phases, both sides of every boundary, lands in the right phase.
 * Phase i is the constant i + 1, so the value names the phase.
 */
class SequencePhaseLookupTest {
  /** Phase lengths, including one-step phases next to each other. */
  private static final long[] LENGTHS = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};

  static IntStream phaseCounts() {
    return IntStream.rangeClosed(1, LENGTHS.length);
  }

  @ParameterizedTest
  @MethodSource("phaseCounts")
  void everyStepFindsItsPhase(int count) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      phases.add(new Phase(new Constant(i + 1), LENGTHS[i]));
    }
    Sequence held = new Sequence(phases, AfterEnd.HOLD);
    long step = 0;
    for (int i = 0; i < count; i++) {
      for (long t = 0; t < LENGTHS[i]; t++, step++) {
        assertEquals(i + 1, held.valueAt(step), "step " + step + " of " + count + " phases");
        assertEquals(i + 1, held.valueAt(step, held.initialState()), "step " + step + " of " + count + " phases, with state");
      }
    }
    for (long past = step; past < step + 3; past++) {
      assertEquals(count, held.valueAt(past), "step " + past + ", past the end of " + count + " phases");
      assertEquals(count, held.valueAt(past, held.initialState()), "step " + past + ", past the end, with state");
    }
    assertEquals(count, held.valueAt(Long.MAX_VALUE), "the last step there is");
  }

  @ParameterizedTest
  @MethodSource("phaseCounts")
  void anOpenLastPhaseRunsToTheLastStep(int count) {
    List<Phase> phases = new ArrayList<>();
    long end = 0;
    for (int i = 0; i < count - 1; i++) {
      phases.add(new Phase(new Constant(i + 1), LENGTHS[i]));
      end += LENGTHS[i];
    }
    phases.add(new Phase(new Constant(count), Phase.OPEN));
    Sequence open = new Sequence(phases, AfterEnd.HOLD);
    if (end > 0) {
      assertEquals(count - 1, open.valueAt(end - 1), "the step before the open phase");
    }
    assertEquals(count, open.valueAt(end), "the open phase's first step");
    assertEquals(count, open.valueAt(Long.MAX_VALUE - 1), "far into the open phase");
  }
}
