package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.StepDecay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Writing plans as Megatron flags, and refusing what Megatron cannot do. */
class MegatronWriterTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();

  private static Plan plan(Schedule lr, Schedule weightDecay) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, lr);
    channels.put(Plan.WEIGHT_DECAY, weightDecay);
    return new Plan(channels);
  }

  @Nested
  class Expressible {
    @Test
    void aBuiltWarmupAndCosine() {
      Plan plan = Plan.of(Schedules.linear(0, 3e-4).over(2_000).then().cosineTo(3e-5).over(8_000).build());
      assertEquals("""
          --train-iters 10000 \\
          --lr 0.0003 \\
          --min-lr 3e-05 \\
          --lr-decay-style cosine \\
          --lr-warmup-iters 2000
          """, FORMAT.write(plan));
    }

    @Test
    void aWsdScheduleWithItsWeightDecay() {
      Sequence lr = new Sequence(List.of(
          new Phase(new Linear(0, 1e-3), 100), new Phase(new Constant(1e-3), 700), new Phase(new OneMinusSqrt(1e-3, 1e-4), 200)));
      Plan plan = plan(lr, Sequence.of(new Constant(0.1), 1_000, AfterEnd.HOLD));
      assertEquals("""
          --train-iters 1000 \\
          --lr 0.001 \\
          --min-lr 0.0001 \\
          --lr-decay-style WSD \\
          --lr-warmup-iters 100 \\
          --lr-wsd-decay-style minus_sqrt \\
          --lr-wsd-decay-iters 200 \\
          --weight-decay 0.1
          """, FORMAT.write(plan));
    }

    @Test
    void aDecayLongerThanTrainingAndAWeightDecayRamp() {
      Sequence lr = new Sequence(List.of(new Phase(new Linear(0, 1e-3), 100), new Phase(new Linear(1e-3, 1e-4), 4_900)));
      Plan plan = plan(lr, Sequence.of(new Cosine(0.01, 0.1), 2_000, AfterEnd.HOLD));
      assertEquals("""
          --train-iters 2000 \\
          --lr 0.001 \\
          --min-lr 0.0001 \\
          --lr-decay-style linear \\
          --lr-decay-iters 5000 \\
          --lr-warmup-iters 100 \\
          --weight-decay-incr-style cosine \\
          --start-weight-decay 0.01 \\
          --end-weight-decay 0.1
          """, FORMAT.write(plan));
    }

    @Test
    void aRelativeScheduleBoundToItsPeak() {
      Schedule factors = new Sequence(List.of(new Phase(new Linear(0, 1), 100), new Phase(new Cosine(1, 0), 900)));
      assertEquals("""
          --train-iters 1000 \\
          --lr 0.0003 \\
          --lr-decay-style cosine \\
          --lr-warmup-iters 100
          """, FORMAT.write(Plan.of(new Scaled(3e-4, factors))));
    }

    @Test
    void sampleBasedFlagsStaySampleBased() {
      String flags = "--lr 1 --train-samples 20 --global-batch-size 4 --lr-warmup-samples 6 --lr-decay-samples 14\n";
      assertEquals("""
          --train-samples 20 \\
          --global-batch-size 4 \\
          --lr 1.0 \\
          --lr-decay-style linear \\
          --lr-decay-samples 14 \\
          --lr-warmup-samples 6
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }

    @Test
    void sampleBasedWsdAndWeightDecayRamp() {
      String flags = "--lr 1 --lr-decay-style WSD --lr-wsd-decay-style cosine --train-samples 22 --global-batch-size 4"
          + " --lr-decay-samples 20 --lr-wsd-decay-samples 10 --weight-decay-incr-style linear --start-weight-decay 0 --end-weight-decay 0.1\n";
      assertEquals("""
          --train-samples 22 \\
          --global-batch-size 4 \\
          --lr 1.0 \\
          --lr-decay-style WSD \\
          --lr-decay-samples 20 \\
          --lr-wsd-decay-style cosine \\
          --lr-wsd-decay-samples 10 \\
          --weight-decay-incr-style linear \\
          --start-weight-decay 0.0 \\
          --end-weight-decay 0.1
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }

    @Test
    void theBatchSizeOfAnInverseSquareRootWithoutWarmupIsRecovered() {
      String flags = "--lr 3e-4 --min-lr 1e-6 --lr-decay-style inverse-square-root --train-iters 1000 --global-batch-size 512\n";
      assertEquals("""
          --train-iters 1000 \\
          --global-batch-size 512 \\
          --lr 0.0003 \\
          --min-lr 1e-06 \\
          --lr-decay-style inverse-square-root
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }

    @Test
    void aFractionalWarmupIsWrittenAsAFraction() {
      String flags = "--lr 1 --lr-warmup-fraction 0.015 --lr-decay-iters 1001 --train-iters 1001\n";
      assertEquals("""
          --train-iters 1001 \\
          --lr 1.0 \\
          --lr-decay-style linear \\
          --lr-warmup-fraction 0.015
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }
  }

  /** Plans whose structure is ambiguous until the boundaries are placed; found by comparing with Megatron's formulas. */
  @Nested
  class Boundaries {
    @Test
    void anAnnealRightAfterAFractionalWarmupIsWsd() {
      // Warm-up 0.33 * 6 = 1.98 iterations; the anneal counts from iteration 2, not from 1.98.
      String flags = "--lr 1 --lr-decay-style WSD --lr-wsd-decay-style cosine --train-iters 6 --lr-warmup-fraction 0.33 --lr-wsd-decay-iters 4\n";
      assertEquals("""
          --train-iters 6 \\
          --lr 1.0 \\
          --lr-decay-style WSD \\
          --lr-warmup-fraction 0.33 \\
          --lr-wsd-decay-style cosine \\
          --lr-wsd-decay-iters 4
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }

    @Test
    void aDecayThatEndsOneIterationAfterTheWarmup() {
      // 7 samples an iteration: warm-up to iteration 9 (63 samples), then the decay ends at 65 samples,
      // before iteration 10 (70): one step at the peak, then --min-lr. A linear decay of one iteration
      // does the same.
      String flags = "--lr 1 --lr-decay-style inverse-square-root --global-batch-size 7 --train-samples 168 --lr-decay-samples 65"
          + " --lr-warmup-samples 63\n";
      assertEquals("""
          --train-iters 24 \\
          --lr 1.0 \\
          --lr-decay-style linear \\
          --lr-decay-iters 10 \\
          --lr-warmup-iters 9
          """, FORMAT.write(FORMAT.read(flags).plan()));
    }

    @Test
    void aFloorReachedRightAfterAFractionalWarmup() {
      String flags = "--lr 3e-4 --min-lr 1e-4 --lr-decay-style inverse-square-root --global-batch-size 512 --train-samples 11318"
          + " --lr-decay-samples 1017 --lr-warmup-fraction 0.01\n";
      Plan plan = FORMAT.read(flags).plan();
      Plan again = FORMAT.read(FORMAT.write(plan)).plan();
      // Iteration 0 warms up from 0 (0 <= 10.17 samples). Iteration 1 (512 samples) is already under the
      // floor, 3e-4 * sqrt(10.17 / 512) < 1e-4, and from iteration 2 (1024 > 1017 samples) the decay is over.
      assertEquals(0.0, again.lr().valueAt(0));
      for (long step = 1; step < 30; step++) {
        assertEquals(1e-4, again.lr().valueAt(step));
      }
    }
  }

  @Nested
  class Unsupported {
    private List<String> refusal(Plan plan) {
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.write(plan));
      return e.violations().stream().map(Violation::toString).toList();
    }

    @Test
    void cyclic() {
      Plan plan = Plan.of(Sequence.of(new Cyclic(1e-4, 1e-3, 100, 100, Cyclic.Mode.TRIANGULAR, 1, false), 1_000, AfterEnd.HOLD));
      assertEquals(List.of("[Unsupported] channels.lr.phases[0]: cannot be written as Megatron: Megatron has no cyclic schedule"), refusal(plan));
    }

    @Test
    void stepDecay() {
      Plan plan = Plan.of(new Sequence(List.of(new Phase(new Linear(0, 0.1), 5), new Phase(new StepDecay(0.1, 30, 0.1), 90))));
      assertEquals(List.of("[Unsupported] channels.lr.phases[1]: cannot be written as Megatron: Megatron has no step decay"), refusal(plan));
    }

    @Test
    void polynomialOfAPowerOtherThanOne() {
      Plan plan = Plan.of(Sequence.of(new Polynomial(1e-3, 1e-7, 2), 1_000, AfterEnd.HOLD));
      assertEquals(List.of("[Unsupported] channels.lr.phases[0]: cannot be written as Megatron: Megatron has no polynomial decay (power 2)"), refusal(plan));
    }

    @Test
    void cosineOverMoreThanHalfAPeriod() {
      Plan plan = Plan.of(Sequence.of(new Cosine(1e-3, 0, 1.5), 1_000, AfterEnd.HOLD));
      assertEquals(List.of("[Unsupported] channels.lr.phases[0]: cannot be written as Megatron: Megatron's cosine runs half a period (cycles 0.5), not cycles 1.5"), refusal(plan));
    }

    @Test
    void reduceOnPlateau() {
      Plateau plateau = new Plateau(0.1, Plateau.Mode.MIN, 0.5, 5, 1e-4, Plateau.ThresholdMode.REL, 0, 0, 1e-8);
      assertEquals(List.of("[Unsupported] channels.lr.phases[0]: cannot be written as Megatron: Megatron has no reduce-on-plateau schedule; its learning rate does not react to"
          + " metrics"), refusal(Plan.of(Sequence.of(plateau, Phase.OPEN, AfterEnd.HOLD))));
    }

    @Test
    void momentum() {
      Map<String, Schedule> channels = new LinkedHashMap<>();
      channels.put(Plan.LR, Sequence.of(new Constant(1e-3), 100, AfterEnd.HOLD));
      channels.put(Plan.MOMENTUM, Sequence.of(new Constant(0.9), 100, AfterEnd.HOLD));
      assertEquals(List.of("[Unsupported] channels.momentum: cannot be written as Megatron: Megatron has no momentum schedule; its scheduler sets the learning rate and"
          + " weight decay only"), refusal(new Plan(channels)));
    }

    @Test
    void aProductOfSchedules() {
      Schedule a = Sequence.of(new Constant(1e-3), 100, AfterEnd.HOLD);
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron cannot multiply schedules (a chained schedule); write the product as one"
          + " schedule"), refusal(Plan.of(new Product(List.of(a, a)))));
    }

    @Test
    void continuingAFormulaPastItsEnd() {
      Plan plan = Plan.of(Sequence.of(new Cosine(1e-3, 1e-4), 1_000, AfterEnd.CONTINUE));
      assertEquals(List.of("[Unsupported] channels.lr.afterEnd: cannot be written as Megatron: Megatron holds the final value after the schedule ends; it cannot continue the"
          + " cosine formula past its end (after-end CONTINUE)"), refusal(plan));
    }

    @Test
    void aDecayThatDoesNotStartAtThePeak() {
      Plan plan = Plan.of(new Sequence(List.of(new Phase(new Linear(0, 3e-4), 100), new Phase(new Cosine(2e-4, 0), 900))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron cannot reproduce this plan: at step 100 the nearest Megatron schedule gives"
          + " 3.0E-4 where the plan has 2.0E-4"), refusal(plan));
    }

    @Test
    void aFallingWeightDecay() {
      Plan plan = plan(Sequence.of(new Constant(1e-3), 1_000, AfterEnd.HOLD), Sequence.of(new Linear(0.1, 0.01), 1_000, AfterEnd.HOLD));
      assertEquals(List.of("[Unsupported] channels.weight_decay: cannot be written as Megatron: Megatron's weight decay is constant, or rises linearly or along a cosine over"
          + " the whole run (--weight-decay-incr-style); this plan's is a linear that falls (Megatron only increases weight decay)"),
          refusal(plan));
    }

    @Test
    void aLearningRateThatRisesAfterItsFirstPhase() {
      // PyTorch's ConstantLR: a third of the lr for 5 updates, then the lr.
      Plan plan = Plan.of(new Sequence(List.of(new Phase(new Constant(1e-3), 5), new Phase(new Constant(3e-3), Phase.OPEN))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron's learning rate rises only in a linear warm-up that starts at the first update,"
          + " then decays from --lr to --min-lr; this plan's rises from 0.001 to 0.003 after its first phase"), refusal(plan));
    }

    @Test
    void aWarmupThatStartsOnTheSecondUpdate() {
      // DeepSpeed's WarmupLR: warmup_min_lr for one update, then the warm-up from it.
      Plan plan = Plan.of(new Sequence(List.of(
          new Phase(new Constant(1e-5), 1), new Phase(new Linear(1e-5, 3e-4), 100), new Phase(new Constant(3e-4), Phase.OPEN))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron's learning rate rises only in a linear warm-up that starts at the first update,"
          + " then decays from --lr to --min-lr; this plan's rises from 1.0E-5 to 3.0E-4 after its first phase"), refusal(plan));
    }

    @Test
    void aSecondRiseAfterTheWarmup() {
      Plan plan = Plan.of(new Sequence(List.of(new Phase(new Linear(0, 1e-3), 100), new Phase(new Linear(1e-3, 2e-3), 100))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron's learning rate rises only in a linear warm-up that starts at the first update,"
          + " then decays from --lr to --min-lr; this plan's rises from 0.001 to 0.002 after its warm-up"), refusal(plan));
    }

    @Test
    void anInverseSquareRootDecayThatNeverEnds() {
      Plan plan = Plan.of(new Sequence(List.of(new Phase(new Linear(0, 1e-3), 100), new Phase(new InverseSqrt(1e-3, 100), Phase.OPEN))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron's decay ends; this plan's inverse-sqrt phase runs forever"), refusal(plan));
    }

    @Test
    void twoDecays() {
      // After the cosine Megatron holds --min-lr (0.25); the plan's second decay is at 0.25 - 0.25 / 4 one step later.
      Plan plan = Plan.of(new Sequence(List.of(
          new Phase(new Linear(0, 1), 100), new Phase(new Cosine(1, 0.25), 900), new Phase(new Linear(0.25, 0), 4))));
      assertEquals(List.of("[Unsupported] channels.lr: cannot be written as Megatron: Megatron cannot reproduce this plan: at step 1001 the nearest Megatron schedule gives"
          + " 0.25 where the plan has 0.1875"), refusal(plan));
    }
  }
}
