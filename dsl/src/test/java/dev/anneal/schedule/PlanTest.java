package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void momentumMustStayBelowOne() {
    Schedule momentum = Sequence.of(new Linear(0.85, 1.0), 100, AfterEnd.HOLD);
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> new Plan(Map.of(Plan.MOMENTUM, momentum)));
    assertEquals(
        "[MomentumOutOfRange] channels.momentum: momentum reaches 1; momentum and Adam beta1 must lie in [0, 1)",
        e.getMessage());
  }

  @Test
  void aLearningRateMayNotGoNegativeAnywhere() {
    Schedule lr = Sequence.of(new Cosine(1e-3, -1e-4), 100, AfterEnd.HOLD);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Plan.of(lr));
    assertEquals(
        "[NegativeLearningRate] channels.lr: learning rate reaches -1.0E-4; a learning rate must be at least 0",
        e.getMessage());
  }

  @Test
  void aMisspelledWellKnownChannelIsRefusedWithTheChannelItMeant() {
    // As a channel of its own, "momentun" would be read by nobody and its 1.05 never checked against [0, 1).
    Schedule momentum = Sequence.of(new Constant(1.05), Phase.OPEN, AfterEnd.HOLD);
    Plan lrOnly = Plan.of(Sequence.of(new Constant(0.1), Phase.OPEN, AfterEnd.HOLD));
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> lrOnly.with("momentun", momentum));
    assertEquals("[UnknownChannel] channels.momentun: unknown channel 'momentun'; did you mean `momentum`?", e.getMessage());
    InvalidScheduleException upperCase = assertThrows(InvalidScheduleException.class, () -> lrOnly.with("Weight-Decay", momentum));
    assertEquals("[UnknownChannel] channels.Weight-Decay: unknown channel 'Weight-Decay'; did you mean `weight_decay`?", upperCase.getMessage());
    // A name of its own, however close to nothing well known, is a free channel.
    assertEquals(1.05, lrOnly.with("ema_decay", momentum).channel("ema_decay").valueAt(0));
  }

  @Test
  void aChannelIsFoundByNameAndAMissingOneIsEmptyOrRefused() {
    Schedule lr = Sequence.of(new Constant(0.1), Phase.OPEN, AfterEnd.HOLD);
    Plan plan = Plan.of(lr);
    assertEquals(Optional.of(lr), plan.findChannel(Plan.LR));
    assertEquals(lr, plan.channel(Plan.LR));
    assertEquals(Optional.empty(), plan.findChannel(Plan.MOMENTUM));
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> plan.channel(Plan.MOMENTUM));
    assertEquals("no channel 'momentum' in this plan (its channels: lr)", e.getMessage());
  }

  @Test
  void aFirstUpdateAtZeroIsAWarning() {
    Plan plan = Plan.of(Sequence.of(new Linear(0, 1e-3), 100, AfterEnd.HOLD));
    assertEquals(
        List.of("[FirstUpdateAtZero] channels.lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        plan.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void productMultipliesFactorsAndScaledBindsABase() {
    Schedule factor = Sequence.of(new Exponential(1, 0.5), Phase.OPEN, AfterEnd.HOLD);
    Schedule warm = new Sequence(List.of(new Phase(new Constant(0.5), 2), new Phase(new Constant(1), Phase.OPEN)));
    Schedule lr = new Product(List.of(factor, warm)).scaledBy(8);
    assertEquals(4, lr.valueAt(0));
    assertEquals(2, lr.valueAt(2), "0.5^2 * 1 * 8");
    assertEquals(new Range(0, 8), lr.range());
  }
}
