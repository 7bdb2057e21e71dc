package dev.anneal.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SchedulesTest {
  private static final Draft WARMUP = Schedules.linear(0, 3e-4).over(2_000);

  @Test
  void gptStyleScheduleHasTheDeclaredValuesAtItsBoundaries() {
    Sequence lr = WARMUP.then().constant().over(10_000).then().cosineTo(3e-5).over(88_000).build();

    assertEquals(0.0, lr.valueAt(0));
    assertEquals(1.5e-4, lr.valueAt(1_000), 1e-18);
    assertEquals(3e-4, lr.valueAt(2_000));
    assertEquals(3e-4, lr.valueAt(11_999));
    assertEquals(3e-4, lr.valueAt(12_000));
    assertEquals((3e-4 + 3e-5) / 2, lr.valueAt(12_000 + 44_000), 1e-18);
    assertEquals(OptionalLong.of(100_000), lr.declaredEnd());
    assertEquals(3e-5, lr.valueAt(100_000));
    assertEquals(3e-5, lr.valueAt(5_000_000_000L), "holds the end value by default");
  }

  @Test
  void aHalfBuiltDraftCanBeFinishedSeveralWays() {
    Sequence cosine = WARMUP.then().cosineTo(0).over(1_000).build();
    Sequence flat = WARMUP.then().constant().forever().build();

    assertEquals(2, cosine.phases().size());
    assertEquals(2, flat.phases().size());
    assertEquals(0.0, cosine.valueAt(3_000));
    assertEquals(3e-4, flat.valueAt(3_000));
    assertEquals(OptionalLong.empty(), flat.declaredEnd());
  }

  @Test
  void buildListsEveryViolationWithItsPath() {
    InvalidScheduleException e =
        assertThrows(
            InvalidScheduleException.class,
            () -> Schedules.linear(0, Double.NaN).over(0).then().cosineTo(1e-3).over(-5).build());

    List<String> found = e.violations().stream().map(Violation::toString).toList();
    assertEquals(
        List.of(
            "[NonPositiveLength] phases[0].steps: steps (0) must be at least 1",
            "[NonPositiveLength] phases[1].steps: steps (-5) must be at least 1"),
        found.subList(0, 2));
    assertTrue(e.getMessage().contains("[NonPositiveLength] phases[0].steps: steps (0) must be at least 1"));
  }

  @Test
  void failPolicyNamesTheStepAndTheEnd() {
    Sequence lr = WARMUP.afterEnd(AfterEnd.FAIL).build();
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> lr.valueAt(2_000));
    assertEquals(
        "[StepBeyondEnd] step: step 2000 is past the declared end (2000); declare after-end HOLD or CONTINUE to go on",
        e.getMessage());
  }

  @Test
  void aLengthOfLongMaxValueIsRefusedNotReadAsForever() {
    // Long.MAX_VALUE is how the model spells "forever"; written with over(), it is a length no phase
    // can have, and a warm-up written that long must not silently become a phase that never ends.
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> WARMUP.then().cosineTo(0).over(Long.MAX_VALUE).build());
    assertEquals(
        "[OutOfRange] phases[1].steps: steps (9223372036854775807) must lie in [1, 9223372036854775806]; call forever() for a last phase that never ends",
        e.getMessage());
    assertEquals(OptionalLong.of(Long.MAX_VALUE - 1), Schedules.constant(1).over(Long.MAX_VALUE - 1).build().declaredEnd());
  }
}
