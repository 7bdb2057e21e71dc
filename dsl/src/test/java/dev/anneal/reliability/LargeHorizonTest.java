package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Schedules evaluated up to and beyond 2^31 steps (DJL's {@code int} update counter) behave as
 * declared, with values derived by hand (powers of two, exact in binary); a step count that would
 * overflow 64 bits is an error, never a wrap-around.
 */
class LargeHorizonTest {
  static final long TWO_31 = 1L << 31;
  static final long TWO_32 = 1L << 32;

  @Test
  void aLinearRampOver2To32StepsIsHalfWayAt2To31() {
    Schedule ramp = Schedules.linear(0, 1).over(TWO_32).build();
    assertEquals(0.5, ramp.valueAt(TWO_31));
    assertEquals(0.5 + 0x1p-32, ramp.valueAt(TWO_31 + 1));
    assertEquals(1 - 0x1p-32, ramp.valueAt(TWO_32 - 1));
    assertEquals(1.0, ramp.valueAt(TWO_32));
    assertEquals(1.0, ramp.valueAt(Long.MAX_VALUE));
    assertEquals(OptionalLong.of(TWO_32), ramp.declaredEnd());
  }

  @Test
  void stepDecayAndMilestonesCountPast2To31() {
    Schedule decay = Schedules.stepDecay(1.0, 1L << 30, 0.5).forever().build();
    assertEquals(0.5, decay.valueAt(TWO_31 - 1));
    assertEquals(0.25, decay.valueAt(TWO_31));
    assertEquals(0x1p-6, decay.valueAt(3 * TWO_31));
    Schedule milestones = Sequence.of(new Milestones(1.0, List.of(TWO_31, TWO_31 + 1, 3_000_000_000L), 0.5), Phase.OPEN, AfterEnd.HOLD);
    assertEquals(1.0, milestones.valueAt(TWO_31 - 1));
    assertEquals(0.5, milestones.valueAt(TWO_31));
    assertEquals(0.25, milestones.valueAt(TWO_31 + 1));
    assertEquals(0.25, milestones.valueAt(2_999_999_999L));
    assertEquals(0.125, milestones.valueAt(3_000_000_000L));
  }

  @Test
  void phaseBoundariesPast2To31LandWhereDeclared() {
    Sequence phases = Schedules.constant(1).over(TWO_31 - 1).then().constant(2).over(TWO_31).then().constant(3).forever().build();
    assertEquals(TWO_31 - 1, phases.startOf(1));
    assertEquals(TWO_32 - 1, phases.startOf(2));
    assertEquals(1.0, phases.valueAt(TWO_31 - 2));
    assertEquals(2.0, phases.valueAt(TWO_31 - 1));
    assertEquals(2.0, phases.valueAt(TWO_32 - 2));
    assertEquals(3.0, phases.valueAt(TWO_32 - 1));
    assertEquals(3.0, phases.valueAt(Long.MAX_VALUE));
    assertEquals(OptionalLong.empty(), phases.declaredEnd());
  }

  @Test
  void aScheduleFailingPastItsEndNamesTheStepPast2To31() {
    Schedule failing = Schedules.constant(0.1).over(TWO_31 + 5).afterEnd(AfterEnd.FAIL).build();
    assertEquals(0.1, failing.valueAt(TWO_31 + 4));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> failing.valueAt(TWO_31 + 5));
    assertEquals("[StepBeyondEnd] step: step 2147483653 is past the declared end (2147483653); declare after-end HOLD or CONTINUE to go on",
        e.getMessage());
  }

  @Test
  void phasesAddingUpPastTheStepRangeAreRefused() {
    Phase almostAll = new Phase(new Constant(0.1), Long.MAX_VALUE - 2);
    Sequence longest = new Sequence(List.of(almostAll, new Phase(new Constant(0.2), 1)));
    assertEquals(OptionalLong.of(Long.MAX_VALUE - 1), longest.declaredEnd());
    assertEquals(0.2, longest.valueAt(Long.MAX_VALUE - 2));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> new Sequence(List.of(almostAll, new Phase(new Constant(0.2), 2))));
    assertEquals("[LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps", e.getMessage());
  }

  @Test
  void aRangeOfValuesEndingPastTheStepRangeIsRefusedNotWrapped() {
    Schedule constant = Schedules.constant(0.1).forever().build();
    assertEquals(2, constant.values(Long.MAX_VALUE - 1, 2).length);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> constant.values(Long.MAX_VALUE - 1, 3));
    assertEquals("[OutOfRange] count: the last step, from + count - 1 (9223372036854775806 + 3 - 1) must lie in the 64-bit step range (at most 9223372036854775807)",
        e.getMessage());
  }
}
