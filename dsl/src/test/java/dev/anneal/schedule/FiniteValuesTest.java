package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every value that leaves a schedule is finite by construction: where the rules let one through
 * that is not (a product or a scaling of finite values can still overflow), {@code valueAt},
 * {@code values} and {@code explain} refuse it with {@code NonFiniteAtStep} instead of returning it.
 */
class FiniteValuesTest {
  private static final Sequence HUGE = Sequence.of(new Linear(1e300, 1e308), 10, AfterEnd.HOLD);

  @Test
  void aScaledScheduleThatOverflowsIsAnErrorNotInfinity() {
    Schedule scaled = new Scaled(10, HUGE);
    assertEquals(10 * 1e300, scaled.valueAt(0));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> scaled.valueAt(10));
    assertEquals("[NonFiniteAtStep] the value at step 10 would be Infinity; every value up to the declared end must be finite", e.getMessage());
  }

  @Test
  void aProductThatOverflowsIsAnErrorNotInfinity() {
    Schedule product = new Product(List.of(HUGE, Sequence.of(new Constant(-1e10), 1, AfterEnd.HOLD)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> product.valueAt(3));
    assertEquals("[NonFiniteAtStep] the value at step 3 would be -Infinity; every value up to the declared end must be finite", e.getMessage());
  }

  @Test
  void valuesAndExplainStopAtTheFirstNonFiniteValue() {
    // 2^25 * 2^1000 * t / 4: 2^1023 at step 1, the largest power of 2 a double holds; 2^1024 at step 2.
    Schedule scaled = new Scaled(0x1p25, Sequence.of(new Linear(0, 0x1p1000), 4, AfterEnd.HOLD));
    assertArrayEquals(new double[] {0, 0x1p1023}, scaled.values(0, 2));
    InvalidScheduleException values = assertThrows(InvalidScheduleException.class, () -> scaled.values(0, 4));
    assertEquals("[NonFiniteAtStep] the value at step 2 would be Infinity; every value up to the declared end must be finite", values.getMessage());
    InvalidScheduleException explain = assertThrows(InvalidScheduleException.class, () -> scaled.explain(3));
    assertEquals("[NonFiniteAtStep] the value at step 3 would be Infinity; every value up to the declared end must be finite", explain.getMessage());
  }

  @Test
  void theStatefulPathIsCheckedToo() {
    Schedule scaled = new Scaled(-1e10, HUGE);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> scaled.valueAt(9, scaled.initialState()));
    assertEquals("[NonFiniteAtStep] the value at step 9 would be -Infinity; every value up to the declared end must be finite", e.getMessage());
  }
}
