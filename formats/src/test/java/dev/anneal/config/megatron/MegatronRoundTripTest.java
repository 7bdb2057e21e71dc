package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.Plan;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Flags → plan → flags → plan gives Megatron's curve again, for every golden case. */
class MegatronRoundTripTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("megatron");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writtenFlagsGiveTheSameCurves(GoldenCase golden) {
    Plan plan = FORMAT.read(GoldenInputs.forSystem("megatron").configText(golden)).plan();
    String written = FORMAT.write(plan);
    Plan again = FORMAT.read(written).plan();
    GoldenAssert.assertCurve(golden + " lr after a round trip\n" + written, golden.lr(), again.lr().values(0, golden.steps()));
    if (golden.weightDecay() != null) {
      GoldenAssert.assertCurve(golden + " weight_decay after a round trip", golden.weightDecay(), again.channel(Plan.WEIGHT_DECAY).values(0, golden.steps()));
    }
    assertEquals(FORMAT.write(again), written, "writing is stable");
  }
}
