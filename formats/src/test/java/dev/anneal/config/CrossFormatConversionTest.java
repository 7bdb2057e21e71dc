package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case of every system, read from the config its users write, converted to every
 * format: the conversion is proven equal, or refused with what the target lacks; it never fails
 * any other way (a writer that trips over its own output, an exception). Anneal JSON expresses
 * every plan: converted to it, the plan comes back equal and still draws the upstream curves.
 */
class CrossFormatConversionTest {
  private static final List<String> SYSTEMS = List.of("pytorch", "transformers", "deepspeed", "megatron");

  /**
   * How a conversion may be refused: the writer names what the target lacks, or the target
   * schedules a channel the source leaves alone (Megatron always sets weight decay).
   */
  private static final Set<DiagnosticCode> REFUSALS = Set.of(ConfigCode.UNSUPPORTED, ConfigCode.CONVERSION_ADDS_CHANNEL);

  static Stream<GoldenCase> cases() {
    return SYSTEMS.stream().flatMap(GoldenCase::all);
  }

  static Stream<Arguments> conversions() {
    return cases().flatMap(golden -> Formats.names().stream().map(target -> Arguments.of(golden, target)));
  }

  private static Plan read(GoldenCase golden) {
    GoldenInputs inputs = GoldenInputs.forSystem(golden.system());
    return Formats.byName(inputs.format()).read(inputs.configText(golden)).plan();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("conversions")
  void everyConversionIsProvenOrRefusedWithWhatTheTargetLacks(GoldenCase golden, String target) {
    Plan plan = read(golden);
    try {
      Conversion conversion = Conversion.of(plan, Formats.byName(target), OptionalLong.empty());
      assertEquals(plan.channels().keySet(), conversion.plan().channels().keySet(), golden + " to " + target);
    } catch (InvalidScheduleException refused) {
      List<Violation> errors = refused.violations().stream().filter(Violation::isError).toList();
      assertTrue(!errors.isEmpty() && errors.stream().allMatch(error -> REFUSALS.contains(error.code())),
          () -> golden + " to " + target + " refused with " + refused.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void throughAnnealJsonThePlanAndItsUpstreamCurvesStayExact(GoldenCase golden) {
    Plan plan = read(golden);

    Plan converted = Conversion.of(plan, new AnnealFormat(), OptionalLong.empty()).plan();

    assertEquals(plan, converted, golden + " through Anneal JSON");
    Map<String, double[]> recorded = new LinkedHashMap<>();
    recorded.put(Plan.LR, golden.lr());
    recorded.put(Plan.MOMENTUM, golden.momentum());
    recorded.put(Plan.WEIGHT_DECAY, golden.weightDecay());
    recorded.forEach((channel, expected) -> {
      if (expected != null) {
        GoldenAssert.assertCurve(golden + " " + channel + " through Anneal JSON", expected, values(converted, channel, golden));
      }
    });
  }

  /** The channel's first values, with the golden metrics (if any) reported after each update. */
  private static double[] values(Plan plan, String channel, GoldenCase golden) {
    SteppedValues curve = golden.metrics() == null ? SteppedValues.of(plan.channel(channel)) : SteppedValues.of(plan.channel(channel), golden.metrics());
    double[] out = new double[golden.steps()];
    for (int i = 0; i < out.length; i++) {
      out[i] = curve.nextDouble();
    }
    return out;
  }
}
