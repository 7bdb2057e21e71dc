package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.schedule.Plan;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Megatron-LM: every golden case, of the basic set and of the edge set (inputs
 * Megatron runs that are unusual, such as a WSD anneal longer than the decay window), read through the {@code megatron} format from the
 * flags a user writes, gives the learning rate and weight decay that Megatron's own {@code
 * OptimizerParamScheduler} applied, at every step.
 */
class MegatronGoldenTest {
  private static final GoldenInputs INPUTS = GoldenInputs.forSystem("megatron");

  static Stream<GoldenCase> cases() {
    return Stream.concat(GoldenCase.all(GoldenSet.BASICS, "megatron"), GoldenCase.all(GoldenSet.EDGE, "megatron"));
  }

  private static Plan read(GoldenCase golden) {
    Imported imported = Formats.byName(INPUTS.format()).read(INPUTS.configText(golden));
    assertEquals("megatron", imported.format());
    return imported.plan();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateIsMegatrons(GoldenCase golden) {
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), read(golden).lr().values(0, golden.steps()));
  }

  /**
   * Cases with an increasing weight decay record it; for the others Megatron sets every step to
   * the {@code end_wd} it was constructed with (the optimizer's own weight decay is overwritten).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weightDecayIsMegatrons(GoldenCase golden) {
    double[] expected = golden.weightDecay();
    if (expected == null) {
      expected = new double[golden.steps()];
      Arrays.fill(expected, golden.config().get("OptimizerParamScheduler").get("end_wd").doubleValue());
    }
    GoldenAssert.assertCurve(golden + " weight_decay", expected, read(golden).channel(Plan.WEIGHT_DECAY).values(0, golden.steps()));
  }

  /** The flags convert to the constructor arguments Megatron passed, as training.py converts them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flagsBecomeMegatronsConstructorArguments(GoldenCase golden) {
    SchedulerSettings settings = MegatronFormat.settings(INPUTS.configText(golden));
    JsonNode kwargs = golden.config().get("OptimizerParamScheduler");
    assertEquals(kwargs.get("init_lr").doubleValue(), settings.initLr());
    assertEquals(kwargs.get("max_lr").doubleValue(), settings.maxLr());
    assertEquals(kwargs.get("min_lr").doubleValue(), settings.minLr());
    assertEquals(kwargs.get("lr_warmup_steps").doubleValue(), settings.warmupSteps());
    assertEquals(kwargs.get("lr_decay_steps").longValue(), settings.decaySteps());
    assertEquals(kwargs.get("lr_decay_style").textValue(), settings.decayStyle().upstreamName());
    JsonNode wsd = kwargs.get("wsd_decay_steps");
    if (wsd.isNull()) {
      assertNull(settings.wsdDecaySteps());
    } else {
      assertEquals(wsd.longValue(), settings.wsdDecaySteps());
    }
    assertEquals(kwargs.get("lr_wsd_decay_style").textValue(), settings.wsdDecayStyle().upstreamName());
    assertEquals(kwargs.get("start_wd").doubleValue(), settings.startWd());
    assertEquals(kwargs.get("end_wd").doubleValue(), settings.endWd());
    assertEquals(kwargs.get("wd_incr_steps").longValue(), settings.wdIncrSteps());
    assertEquals(kwargs.get("wd_incr_style").textValue(), settings.wdIncrStyle().upstreamName());
    assertEquals(golden.config().get("step_increment").longValue(), settings.increment());
  }
}
