package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConversionTest {
  private static final AnnealFormat ANNEAL = new AnnealFormat();

  private static ConfigFormat lossy(UnaryOperator<Plan> change) {
    return new ChangingFormat("lossy", change);
  }

  private static Sequence cyclic(AfterEnd afterEnd) {
    return Sequence.of(new Cyclic(0, 1, 2, 2, Cyclic.Mode.TRIANGULAR, 1.0, false), 4, afterEnd);
  }

  private static Plan lrAndMomentum() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put("lr", new Sequence(List.of(new Phase(new Linear(0, 3e-4), 2000), new Phase(new Cosine(3e-4, 3e-5), 98_000))));
    channels.put("momentum", Sequence.of(new Constant(0.9), Phase.OPEN, AfterEnd.HOLD));
    return new Plan(channels);
  }

  private static String message(Runnable conversion) {
    return assertThrows(InvalidScheduleException.class, conversion::run).getMessage();
  }

  @Test
  void annealToAnnealIsExact() {
    Plan plan = lrAndMomentum();

    Conversion conversion = Conversion.of(plan, ANNEAL, OptionalLong.empty());

    assertEquals("anneal", conversion.format());
    assertEquals(ANNEAL.write(plan), conversion.text());
    assertEquals(plan, conversion.plan());
  }

  @Test
  void theFirstDifferingStepIsNamed() {
    // Past the end (step 4) the cycle goes on: 0 at step 4, 0.5 at step 5; held, it stays at 0.
    ConfigFormat holds = lossy(plan -> Plan.of(cyclic(AfterEnd.HOLD)));

    assertEquals(
        "[ConversionDiffers] lr: converted to lossy, the value at step 5 is 0 instead of 0.5; lossy cannot express this schedule exactly",
        message(() -> Conversion.of(Plan.of(cyclic(AfterEnd.CONTINUE)), holds, OptionalLong.empty())));
  }

  @Test
  void aGivenNumberOfStepsBoundsTheComparison() {
    ConfigFormat holds = lossy(plan -> Plan.of(cyclic(AfterEnd.HOLD)));

    Conversion upToTheDifference = Conversion.of(Plan.of(cyclic(AfterEnd.CONTINUE)), holds, OptionalLong.of(5));

    assertEquals(Plan.of(cyclic(AfterEnd.HOLD)), upToTheDifference.plan());
    assertEquals(
        "[ConversionDiffers] lr: converted to lossy, the value at step 5 is 0 instead of 0.5; lossy cannot express this schedule exactly",
        message(() -> Conversion.of(Plan.of(cyclic(AfterEnd.CONTINUE)), holds, OptionalLong.of(6))));
  }

  @Test
  void failingPastTheEndIsABehaviourToo() {
    ConfigFormat holds = lossy(plan -> Plan.of(cyclic(AfterEnd.HOLD)));

    assertEquals(
        "[ConversionDiffers] lr: converted to lossy, the value at step 4 is 0 instead of a StepBeyondEnd error; lossy cannot express this schedule exactly",
        message(() -> Conversion.of(Plan.of(cyclic(AfterEnd.FAIL)), holds, OptionalLong.empty())));
  }

  @Test
  void aLostChannelAndAnAddedOneAreNamed() {
    ConfigFormat swaps = lossy(plan -> new Plan(Map.of("lr", plan.lr(), "weight_decay", Sequence.of(new Constant(0.01), Phase.OPEN, AfterEnd.HOLD))));

    assertEquals(
        "[ConversionLosesChannel] momentum: converted to lossy, this channel is not scheduled any more; lossy cannot express it\n"
            + "[ConversionAddsChannel] weight_decay: converted to lossy, this channel is scheduled too, but the source leaves it alone",
        message(() -> Conversion.of(lrAndMomentum(), swaps, OptionalLong.empty())));
  }

  @Test
  void whatTheTargetLacksComesFromItsWriter() {
    ConfigFormat noMomentum = lossy(plan -> {
      throw new InvalidScheduleException(ConfigCode.unsupported("momentum", null, "lossy", "lossy has no momentum schedule"));
    });

    assertEquals(
        "[Unsupported] momentum: cannot be written as lossy: lossy has no momentum schedule",
        message(() -> Conversion.of(lrAndMomentum(), noMomentum, OptionalLong.empty())));
  }

  @Test
  void aWriterWhoseOutputItsReaderRejectsIsABug() {
    ConfigFormat broken = new ConfigFormat() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Imported read(String text) {
        return ANNEAL.read(text);
      }

      @Override
      public String write(Plan plan) {
        return "{\"lr\": {\"phases\": []}}";
      }
    };

    assertEquals(
        "[WriterOutputRejected] the broken writer produced a config its own reader rejects: "
            + "[EmptySchedule] lr.phases: a schedule needs at least one phase; please report this",
        message(() -> Conversion.of(lrAndMomentum(), broken, OptionalLong.empty())));
  }

  @Test
  void aPlateauIsComparedWithAStalledMetricToo() {
    // A constant metric improves once (on the first report), then stalls: with patience 3 the value
    // halves after the report following update 5, so step 5 has it; with patience 4, step 6.
    Plan patient3 = Plan.of(Sequence.of(new Plateau(1, Plateau.Mode.MIN, 0.5, 3, 1e-4, Plateau.ThresholdMode.REL, 0, 0, 1e-8), Phase.OPEN, AfterEnd.HOLD));
    Plan patient4 = Plan.of(Sequence.of(new Plateau(1, Plateau.Mode.MIN, 0.5, 4, 1e-4, Plateau.ThresholdMode.REL, 0, 0, 1e-8), Phase.OPEN, AfterEnd.HOLD));

    assertEquals(
        "[ConversionDiffersWhenStalled] lr: converted to lossy, the value at step 5 when the metric stalls is 1 instead of 0.5; lossy cannot express this schedule exactly",
        message(() -> Conversion.of(patient3, lossy(plan -> patient4), OptionalLong.empty())));
    assertEquals(patient3, Conversion.of(patient3, ANNEAL, OptionalLong.empty()).plan());
  }

  @Test
  void theHorizonGoesALittlePastTheLaterEnd() {
    Schedule ends1000 = Sequence.of(new Linear(0, 1), 1000, AfterEnd.HOLD);
    Schedule ends180k = Sequence.of(new Linear(0, 1), 180_000, AfterEnd.HOLD);
    Schedule forever = Sequence.of(new Constant(1), Phase.OPEN, AfterEnd.HOLD);
    Schedule ends50 = Sequence.of(new Linear(0, 1), 50, AfterEnd.HOLD);

    assertEquals(1100, Conversion.horizon(ends1000, ends1000));
    assertEquals(198_000, Conversion.horizon(ends1000, ends180k));
    assertEquals(150, Conversion.horizon(forever, ends50));
    assertEquals(100_000, Conversion.horizon(forever, forever));
  }

  @Test
  void beyondTheExhaustiveLimitPhaseBoundariesAreStillCompared() {
    // Half a trillion steps: the one step that differs is a phase boundary, which sampling keeps.
    long half = 500_000_000_000L;
    Plan source = Plan.of(new Sequence(List.of(new Phase(new Constant(1), half), new Phase(new Constant(2), 1))));
    Plan shifted = Plan.of(new Sequence(List.of(new Phase(new Constant(1), half + 1), new Phase(new Constant(2), 1))));

    assertEquals(
        "[ConversionDiffers] lr: converted to lossy, the value at step 500000000000 is 1 instead of 2; lossy cannot express this schedule exactly",
        message(() -> Conversion.of(source, lossy(plan -> shifted), OptionalLong.empty())));
  }
}
