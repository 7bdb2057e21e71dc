package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Shape;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rules generated classes run on a config's values, as the processor runs them at compile time. */
class ConfigBindingTest {
  private static final List<Shape> WARMUP_THEN_DECAY = List.of(new Linear(1e-5, 1e-3), new Exponential(1e-3, 0.999));

  private static List<String> check(List<Shape> shapes, List<OptionalLong> lengths, String channel) {
    return ConfigBinding.check(shapes, lengths, AfterEnd.HOLD, channel).stream().map(Violation::toString).toList();
  }

  @Test
  void aDeclaredLengthOfLongMaxValueIsThatManyStepsNotForever() {
    assertEquals(List.of("[LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps"),
        check(WARMUP_THEN_DECAY, List.of(OptionalLong.of(1000), OptionalLong.of(Long.MAX_VALUE)), "lr"));
    assertEquals(List.of("[LengthOverflow] phases[0].steps: the phases add up to more than 9223372036854775806 steps"),
        check(List.of(new Linear(1e-3, 0)), List.of(OptionalLong.of(Long.MAX_VALUE)), "lr"));
    // Declared to last forever, the same decay is a valid open phase.
    assertEquals(List.of(), check(WARMUP_THEN_DECAY, List.of(OptionalLong.of(1000), OptionalLong.empty()), "lr"));
  }

  @Test
  void phasesAddingUpPastTheLongestScheduleAreRefusedAtThePhaseThatOverflows() {
    assertEquals(List.of("[LengthOverflow] phases[1].steps: the phases add up to more than 9223372036854775806 steps"),
        check(WARMUP_THEN_DECAY, List.of(OptionalLong.of(1000), OptionalLong.of(Long.MAX_VALUE - 1000)), "lr"));
    assertEquals(List.of(), check(WARMUP_THEN_DECAY, List.of(OptionalLong.of(1000), OptionalLong.of(Long.MAX_VALUE - 1001)), "lr"));
  }

  @Test
  void aBoundaryNeverWraps() {
    assertEquals(Long.MAX_VALUE - 1, ConfigBinding.boundary(1000, Long.MAX_VALUE - 1001));
    assertEquals(Long.MAX_VALUE, ConfigBinding.boundary(1000, Long.MAX_VALUE - 1000));
    assertEquals(Long.MAX_VALUE, ConfigBinding.boundary(1000, Long.MAX_VALUE), "saturated: a sum the rules refuse");
    assertEquals(990, ConfigBinding.boundary(1000, -10), "a negative length, refused by the rules, does not saturate");
  }

  @Test
  void aMisspelledChannelIsRefusedAtTheChannelWithTheOneItMeant() {
    assertEquals(List.of("[UnknownChannel] channel: unknown channel 'momentun'; did you mean `momentum`?"),
        check(List.of(new Constant(1.05)), List.of(OptionalLong.empty()), "momentun"));
    assertEquals(List.of("[MomentumOutOfRange] momentum reaches 1.05; momentum and Adam beta1 must lie in [0, 1)"),
        check(List.of(new Constant(1.05)), List.of(OptionalLong.empty()), "momentum"));
  }
}
