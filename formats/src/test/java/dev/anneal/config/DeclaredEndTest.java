package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every imported schedule whose upstream curve reaches a value it keeps declares its end there, so
 * that plot, curve and train default to the whole curve; the others are open-ended. Checked
 * against the real upstream curves of {@code golden/}: from the declared end on, upstream's curve
 * no longer changes, and it still changed in the three steps before.
 */
class DeclaredEndTest {
  /**
   * The channels whose upstream curve never settles, "case channel": a range test grows for ever, a
   * OneCycle with a post-cycle decay decays for ever, cycles and step decays go on, a plateau
   * reacts to every metric, an inverse square root and an exponential never reach their limit, a
   * constant from step 0 has nothing to end.
   */
  private static final Set<String> OPEN_ENDED = Set.of(
      "deepspeed/lrrangetest-continuous lr",
      "deepspeed/lrrangetest-staircase lr",
      "deepspeed/onecycle-decay-lr-and-mom lr",
      "deepspeed/onecycle-decay-lr-and-mom momentum",
      "deepspeed/onecycle-sgd-momentum-ignored momentum",
      "pytorch/chainedscheduler-constant-exponential lr",
      "pytorch/cosineannealingwarmrestarts-tmult2 lr",
      "pytorch/cycliclr-exp-range lr",
      "pytorch/cycliclr-exp-range momentum",
      "pytorch/cycliclr-triangular-momentum lr",
      "pytorch/cycliclr-triangular-momentum momentum",
      "pytorch/cycliclr-triangular2-asym lr",
      "pytorch/exponentiallr lr",
      "pytorch/reducelronplateau-min lr",
      "pytorch/steplr lr",
      "transformers/inverse-sqrt lr");

  /**
   * Cycles in stairs: the last stair already sits at the final value (from step 901 of a cycle of
   * 1000), but the end is the cycle's.
   */
  private static final Set<String> STAIRS = Set.of("deepspeed/onecycle-staircase lr");

  static Stream<Arguments> channels() {
    List<Arguments> all = new ArrayList<>();
    for (String system : List.of("deepspeed", "pytorch", "transformers")) {
      GoldenCase.all(system).forEach(golden -> {
        GoldenInputs inputs = GoldenInputs.forSystem(system);
        Plan plan = Formats.byName(inputs.format()).read(inputs.configText(golden)).plan();
        plan.channels().forEach((name, schedule) -> all.add(Arguments.of(golden + " " + name, golden, name, schedule)));
      });
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("channels")
  void theDeclaredEndIsWhereUpstreamSettles(String label, GoldenCase golden, String channel, Schedule schedule) {
    OptionalLong end = schedule.declaredEnd();
    if (OPEN_ENDED.contains(label)) {
      assertEquals(OptionalLong.empty(), end, label + " never settles upstream");
      return;
    }
    assertTrue(end.isPresent(), label + " settles upstream but declares no end");
    if (schedule.afterEnd() != AfterEnd.HOLD) {
      return; // ends where upstream's formula stops being faithful (CONTINUE past T_max, FAIL past total_steps): not a settled value
    }
    double[] upstream = channel.equals(Plan.LR) ? golden.lr() : golden.momentum();
    long at = end.getAsLong();
    if (at >= upstream.length) {
      return; // the recorded curve stops before the end: nothing to compare past it
    }
    int e = (int) at;
    for (int step = e; step < upstream.length; step++) {
      assertEquals(upstream[e], upstream[step], label + ": upstream still changes at step " + step + ", past the declared end " + e);
    }
    if (!STAIRS.contains(label)) {
      boolean changing = false;
      for (int step = Math.max(0, e - 3); step < e; step++) {
        changing |= upstream[step] != upstream[e];
      }
      assertTrue(changing, label + ": upstream settled three steps or more before the declared end " + e);
    }
  }
}
