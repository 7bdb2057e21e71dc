package dev.anneal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Re-planning: values by hand (dyadic numbers, so every expected value below is exact). */
class ReplanTest {
  /** Warm-up 0 → 0.5 over 4, stable 0.5 for 12, linear decay 0.5 → 0.25 over 4: ends at 20. */
  private static final Sequence WSD = new Sequence(List.of(
      new Phase(new Linear(0, 0.5), 4), new Phase(new Constant(0.5), 12), new Phase(new Linear(0.5, 0.25), 4)));

  @Test
  void aLongerRunStretchesTheStableAndDecayPhasesAndEndsOnTheFloor() {
    Schedule fitted = Replan.refit(Plan.of(WSD), 8, 32).lr();

    // factor (32 - 8) / (20 - 8) = 2: the stable phase's end 16 moves to 8 + 2 * 8 = 24, the end to 32.
    assertEquals(List.of(4L, 20L, 8L), fitted.phases().stream().map(Phase::steps).toList());
    assertEquals(32, fitted.declaredEnd().getAsLong());
    for (int step = 0; step <= 8; step++) {
      assertEquals(WSD.valueAt(step), fitted.valueAt(step), "step " + step);
    }
    assertEquals(0.5, fitted.valueAt(23));
    assertEquals(0.5, fitted.valueAt(24));
    assertEquals(0.375, fitted.valueAt(28)); // 0.5 - 0.25 * 4/8
    assertEquals(0.28125, fitted.valueAt(31)); // 0.5 - 0.25 * 7/8
    assertEquals(0.25, fitted.valueAt(32));
    assertEquals(0.25, fitted.valueAt(1_000));
  }

  @Test
  void aResumeInsideTheDecayContinuesFromTheValueReachedToTheFloorAtTheNewEnd() {
    Sequence plan = new Sequence(List.of(new Phase(new Linear(0, 0.5), 4), new Phase(new Linear(0.5, 0.25), 8)));
    Schedule fitted = Replan.refit(Plan.of(plan), 8, 16).lr();

    // At 8 the run is at 0.5 - 0.25 * 4/8 = 0.375; the rest of the decay (4 updates) becomes 8,
    // a straight line from 0.375 at step 8 to 0.25 at step 16.
    assertEquals(0.375, fitted.valueAt(8));
    assertEquals(0.3125, fitted.valueAt(12), 1e-16);
    assertEquals(0.265625, fitted.valueAt(15), 1e-16);
    assertEquals(0.25, fitted.valueAt(16));
    assertEquals(List.of(4L, 12L), fitted.phases().stream().map(Phase::steps).toList());
  }

  @Test
  void aShorterRunRoundsBoundariesHalfUpAndTheLastPhaseEndsExactlyAtTheNewEnd() {
    Sequence plan = new Sequence(List.of(
        new Phase(new Linear(0, 1), 3), new Phase(new Constant(1), 3), new Phase(new Linear(1, 0), 3)));
    Schedule fitted = Replan.refit(Plan.of(plan), 1, 5).lr();

    // factor (5 - 1) / (9 - 1) = 1/2: boundary 3 → 1 + 1 = 2, boundary 6 → 1 + round(2.5) = 4, 9 → 5.
    assertEquals(List.of(2L, 2L, 1L), fitted.phases().stream().map(Phase::steps).toList());
    assertEquals(5, fitted.declaredEnd().getAsLong());
    assertEquals(0.0, fitted.valueAt(5));
  }

  @Test
  void roundingIsHalfUpAndExactForLargeLengths() {
    assertEquals(3, Replan.scaledRounded(5, 1, 2));
    assertEquals(2, Replan.scaledRounded(5, 2, 5));
    assertEquals(Long.MAX_VALUE / 2, Replan.scaledRounded(Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1));
  }

  @Test
  void theValueAtTheResumeStepIsTheOldOneBitForBitAndTheDecayEndsOnItsFloor() {
    Sequence plan = new Sequence(List.of(new Phase(new Linear(0, 1e-3), 100), new Phase(new Cosine(1e-3, 1e-5, 0.5), 900)));
    Random random = new Random(19);
    for (int trial = 0; trial < 200; trial++) {
      long step = random.nextInt(999);
      long end = step + 1 + random.nextInt(3_000);
      Schedule fitted = Replan.refit(Plan.of(plan), step, end).lr();
      String where = "step " + step + ", end " + end;
      for (long before = Math.max(0, step - 3); before <= step; before++) {
        assertEquals(Double.doubleToRawLongBits(plan.valueAt(before)), Double.doubleToRawLongBits(fitted.valueAt(before)), where);
      }
      assertEquals(end, fitted.declaredEnd().getAsLong(), where);
      assertEquals(1e-5, fitted.valueAt(end), where);
      if (step >= 100) {
        // In the decay: never rises, never undershoots the floor.
        for (long at = step; at < end; at++) {
          assertTrue(fitted.valueAt(at + 1) <= fitted.valueAt(at) && fitted.valueAt(at + 1) >= 1e-5, where + ", at " + at);
        }
      }
    }
  }

  @Test
  void decayNowBranchesTheCoolDownFromAStableCheckpoint() {
    Schedule branched = Replan.decayNow(Plan.of(WSD), 10, 6).lr();

    assertEquals(List.of(4L, 6L, 6L), branched.phases().stream().map(Phase::steps).toList());
    assertEquals(16, branched.declaredEnd().getAsLong());
    assertEquals(0.5, branched.valueAt(10));
    assertEquals(0.375, branched.valueAt(13)); // 0.5 - 0.25 * 3/6
    assertEquals(0.25, branched.valueAt(16));
  }

  @Test
  void aChannelThatHoldsOneValueIsKept() {
    Sequence momentum = Sequence.of(new Constant(0.9), Phase.OPEN, dev.anneal.schedule.AfterEnd.HOLD);
    Plan plan = Plan.of(WSD).with(Plan.MOMENTUM, momentum);
    assertSame(momentum, Replan.refit(plan, 8, 32).channel(Plan.MOMENTUM));
  }

  @Test
  void aChannelThatRunsForeverIsKeptBesideOneThatEnds() {
    Sequence momentum = new Sequence(List.of(new Phase(new Linear(0.95, 0.9), 4), new Phase(new Constant(0.9), Phase.OPEN)));
    Plan plan = Plan.of(WSD).with(Plan.MOMENTUM, momentum);
    Plan fitted = Replan.refit(plan, 8, 32);
    assertSame(momentum, fitted.channel(Plan.MOMENTUM));
    assertEquals(32, fitted.lr().declaredEnd().getAsLong());
    assertSame(momentum, Replan.decayNow(plan, 10, 6).channel(Plan.MOMENTUM));
  }

  @Test
  void anEndNotAfterTheStepIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(WSD), 10, 10));
    assertEquals("[ReplanEndNotAfterStep] end: the new end 10 must be after the re-plan step 10: at least one update must"
        + " follow it; give a new end greater than 10", e.getMessage());
  }

  @Test
  void aChannelWithoutAnEndIsRefused() {
    Sequence open = new Sequence(List.of(new Phase(new Linear(0, 1), 10), new Phase(new Constant(1), Phase.OPEN)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(open), 5, 50));
    assertEquals("[ReplanNoDeclaredEnd] channels.lr: channel lr has no declared end (its last phase runs forever), so there"
        + " is nothing to fit to the new end 50; give its last phase a length", e.getMessage());
  }

  @Test
  void aStepPastTheEndIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(WSD), 20, 40));
    assertEquals("[ReplanAfterEnd] channels.lr: step 20 is at or past channel lr's declared end 20: its schedule has no"
        + " phase left to fit to the new end 40; resume with policy USE_NEW and a schedule for the extra updates", e.getMessage());
  }

  @Test
  void aPhaseScaledToNothingIsRefused() {
    Sequence plan = new Sequence(List.of(
        new Phase(new Linear(0, 1), 3), new Phase(new Constant(1), 3), new Phase(new Linear(1, 0), 3)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(plan), 1, 3));
    // factor 2/8: boundary 3 → 1 + round(0.5) = 2, boundary 6 → 1 + round(1.25) = 2, so phase 1 gets 0 updates.
    assertEquals("[ReplanPhaseTooShort] channels.lr.phases[1]: fitting to the new end 3 leaves phase 1 of channel lr 0"
        + " updates long (its 3 updates scaled by 0.25); every phase needs at least 1: give a later new end", e.getMessage());
  }

  @Test
  void aPhaseAlreadyAtItsEndAtTheNewLengthIsRefused() {
    // (1 - 1/8)^2000 ≈ 2.6e-116 at step 1; over the fitted length 2, (1 - 1/2)^2000 = 2^-2000 underflows to the end value 0.
    Sequence plan = new Sequence(List.of(new Phase(new Polynomial(1, 0, 2000), 8)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(plan), 1, 2));
    assertEquals("[ReplanFlatAtStep] channels.lr: cannot continue channel lr from " + Math.pow(0.875, 2000) + " at step 1:"
        + " its polynomial phase, fitted to the new length, is already at its end value 0 there, so no fit joins the two;"
        + " give a later new end", e.getMessage());
  }

  @Test
  void aShapeThatDoesNotMoveStraightToItsEndIsNotMapped() {
    Sequence plan = new Sequence(List.of(new Phase(new Cosine(1, 0, 1), 8)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.refit(Plan.of(plan), 2, 16));
    assertEquals("[ReplanUnsupported] channels.lr: channel lr cannot be re-planned exactly: its cosine phase would have to"
        + " be mapped to start from the run's value 0.5 at step 2, which is exact only for a shape that moves straight from"
        + " its start to its end value (linear, cosine over half a period, polynomial, one-minus-sqrt, exponential-to,"
        + " log-warmup, segment); resume with policy CONTINUE_FROM_CURRENT_VALUE", e.getMessage());
  }

  @Test
  void aProductIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Replan.refit(Plan.of(new Product(List.of(WSD, WSD))), 8, 32));
    assertEquals("[ReplanUnsupported] channels.lr: channel lr cannot be re-planned exactly: it is a Product, not one"
        + " sequence of phases, so it has no single timeline to fit; re-plan the plans it is made of before combining them",
        e.getMessage());
  }

  @Test
  void decayNowOutsideTheStablePhaseIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.decayNow(Plan.of(WSD), 2, 6));
    assertEquals("[DecayNowOutsideStable] channels.lr.phases[0]: step 2 of channel lr is in phase 0 (linear warm-up), not"
        + " in a stable (constant) phase: decay now branches the cool-down from a checkpoint taken in the stable phase",
        e.getMessage());
  }

  @Test
  void decayNowWithoutADecayPhaseIsRefused() {
    Sequence noDecay = new Sequence(List.of(new Phase(new Linear(0, 0.5), 4), new Phase(new Constant(0.5), 12)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.decayNow(Plan.of(noDecay), 8, 6));
    assertEquals("[DecayNowWithoutDecay] channels.lr.phases[1]: the stable phase 1 of channel lr that holds step 8 is the"
        + " last phase: there is no decay phase after it to branch; re-plan with a new end instead", e.getMessage());
  }

  @Test
  void aDecayOfNoUpdatesIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Replan.decayNow(Plan.of(WSD), 8, 0));
    assertEquals("[DecayNowLength] updates: the decay must last at least 1 update, not 0", e.getMessage());
  }

  @Test
  void theRefitPolicyFitsTheCheckpointsScheduleToTheCurrentEnd() {
    Sequence longer = new Sequence(List.of(
        new Phase(new Linear(0, 0.5), 4), new Phase(new Constant(0.5), 24), new Phase(new Linear(0.5, 0.25), 4)));
    ResumeCheck.Outcome outcome = ResumeCheck.resolve(Plan.of(WSD), Plan.of(longer), 8, ResumePolicy.REFIT_TO_NEW_END);

    assertEquals(List.of(4L, 20L, 8L), outcome.plan().lr().phases().stream().map(Phase::steps).toList());
    assertEquals(0.375, outcome.plan().lr().valueAt(28));
    assertEquals(1, outcome.differences().size());
  }

  @Test
  void theRefitPolicyKeepsAnUnchangedChannelThatRunsForever() {
    Sequence momentum = new Sequence(List.of(new Phase(new Linear(0.95, 0.9), 4), new Phase(new Constant(0.9), Phase.OPEN)));
    Sequence longer = new Sequence(List.of(
        new Phase(new Linear(0, 0.5), 4), new Phase(new Constant(0.5), 24), new Phase(new Linear(0.5, 0.25), 4)));
    ResumeCheck.Outcome outcome = ResumeCheck.resolve(Plan.of(WSD).with(Plan.MOMENTUM, momentum),
        Plan.of(longer).with(Plan.MOMENTUM, momentum), 8, ResumePolicy.REFIT_TO_NEW_END);

    assertSame(momentum, outcome.plan().channel(Plan.MOMENTUM));
    assertEquals(32, outcome.plan().lr().declaredEnd().getAsLong());
  }

  @Test
  void theRefitPolicyNeedsAnEndInTheCurrentPlan() {
    Sequence open = new Sequence(List.of(new Phase(new Linear(0, 0.5), 4), new Phase(new Constant(0.5), Phase.OPEN)));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> ResumeCheck.resolve(Plan.of(WSD), Plan.of(open), 8, ResumePolicy.REFIT_TO_NEW_END));
    assertEquals("[ReplanUnsupported] channels.lr: channel lr cannot be re-planned exactly: the current schedule has no declared end"
        + " (its last phase runs forever), so there is no new end to fit the checkpoint's schedule to; give its last phase a length",
        e.getMessage());
  }
}
