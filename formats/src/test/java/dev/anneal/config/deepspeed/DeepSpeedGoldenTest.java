package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with DeepSpeed: every golden case, read through the deepspeed format from the ds_config a
 * user would write, gives DeepSpeed's learning rate and momentum (β1) at every recorded step.
 */
class DeepSpeedGoldenTest {
  static Stream<GoldenCase> cases() {
    return GoldenCase.all("deepspeed");
  }

  static Imported read(GoldenCase golden) {
    GoldenInputs inputs = GoldenInputs.forSystem("deepspeed");
    return Formats.byName(inputs.format()).read(inputs.configText(golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesDeepSpeedAtEveryStep(GoldenCase golden) {
    Imported imported = read(golden);

    assertEquals("deepspeed", imported.format());
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void momentumIsAChannelExactlyWhereOneCycleAsksForIt(GoldenCase golden) {
    Plan plan = read(golden).plan();
    Schedule momentum = plan.findChannel(Plan.MOMENTUM).orElse(null);
    boolean asked = golden.kind().equals("OneCycle") && golden.config().get("params").path("cycle_momentum").asBoolean(true);

    if (asked) {
      assertNotNull(golden.momentum(), golden + " records the momentum");
      assertNotNull(momentum, golden + " has a momentum channel");
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), momentum.values(0, golden.steps()));
    } else {
      assertNull(golden.momentum(), golden + " records no momentum");
      assertNull(momentum, golden + " has no momentum channel: DeepSpeed leaves the optimizer's momentum alone");
    }
  }

  /** Where OneCycle asks in vain to cycle an SGD momentum, the channel is the optimizer's own momentum, constant. */
  @Test
  void momentumThatDeepSpeedDoesNotCycleIsTheOptimizersOwn() {
    GoldenCase golden = GoldenCase.named("deepspeed", "onecycle-sgd-momentum-ignored");
    double own = golden.optimizer().get("momentum").asDouble();

    assertEquals(1, Arrays.stream(golden.momentum()).distinct().count(), golden + " momentum is constant");
    assertEquals(own, golden.momentum()[0], golden + " momentum is the optimizer's");
    assertEquals(own, read(golden).plan().channel(Plan.MOMENTUM).valueAt(1_000_000), golden + " and stays so");
  }
}
