package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.Severity;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with DeepSpeed on the inputs it runs although they are unusual (golden-edge): inverted
 * cycles and warm-ups, a zero-length second half, a falling range test, ratios outside [0, 1], an
 * unknown warmup_type, and torch.optim.lr_scheduler classes named in a ds_config. Each is read
 * from the ds_config a user would write, without an error, and gives DeepSpeed's learning rate and
 * momentum (SGD's momentum or Adam's β1) at every recorded step.
 */
class DeepSpeedEdgeGoldenTest {
  static Stream<GoldenCase> cases() {
    return GoldenCase.all(GoldenSet.EDGE, "deepspeed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesDeepSpeedAtEveryStep(GoldenCase golden) {
    Imported imported = DeepSpeedGoldenTest.read(golden);

    assertEquals("deepspeed", imported.format());
    assertTrue(imported.warnings().stream().noneMatch(v -> v.severity() == Severity.ERROR), golden + " has no error");
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void momentumMatchesWhereDeepSpeedRecordsIt(GoldenCase golden) {
    Schedule momentum = DeepSpeedGoldenTest.read(golden).plan().findChannel(Plan.MOMENTUM).orElse(null);

    if (golden.momentum() == null) {
      assertNull(momentum, golden + " has no momentum channel: the optimizer's momentum is left alone");
    } else {
      assertNotNull(momentum, golden + " has a momentum channel");
      GoldenAssert.assertCurve(golden + " momentum", golden.momentum(), momentum.values(0, golden.steps()));
    }
  }
}
