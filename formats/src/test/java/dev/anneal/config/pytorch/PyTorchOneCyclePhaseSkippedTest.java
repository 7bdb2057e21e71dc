package dev.anneal.config.pytorch;

import static dev.anneal.config.pytorch.PyTorchFormatErrorsTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OneCycleLR with a {@code pct_start} that leaves a phase without a step (0, 1): torch 1.13 runs
 * it, dividing only by the lengths of the phases its steps pick, so Anneal runs it too, with a
 * warning, and refuses exactly where torch raises ZeroDivisionError. The curves are torch 1.13's:
 * p0007, p0019 and p0287 come from the random probe of torch 1.13 (issue 14), and
 * pct-start-one-two-phase.json from generate_pct_start_one.py beside them.
 */
class PyTorchOneCyclePhaseSkippedTest {
  private static final String CASES = "/dev/anneal/config/pytorch/one-cycle-phase-skipped/";

  @Test
  void pctStartZeroWithTwoPhasesStartsPartWayDownTheAnneal() throws IOException {
    Imported imported = readCase("p0019-onecyclelr.json");
    assertWarnings(imported,
        "[OneCyclePhaseSkipped] scheduler.kwargs.pct_start: pct_start (0) of 10 total steps gives no step to phase 1 (the warm-up) of"
            + " torch's OneCycleLR, which runs the other phases only: the learning rate goes from 0.00975530705321762 at step 0 to 1.0E-6"
            + " at step 9; set pct_start so that every phase gets at least one step",
        "[BouncesPastTotal] scheduler.kwargs.total_steps: at step 10 (total_steps) PyTorch evaluates the cycle once past its end, so the"
            + " learning rate bounces back to 2.4569294678237997E-4; one more scheduler.step() raises ValueError upstream, so Anneal"
            + " refuses steps after 10");
  }

  @Test
  void pctStartZeroWithThreePhasesStartsInTheLastAnneal() throws IOException {
    // Flat: div_factor and final_div_factor 1, so every value is max_lr.
    readCase("p0007-onecyclelr.json");
    Imported imported = readCase("pct-start-zero-three-phase-linear.json");
    assertWarnings(imported,
        "[OneCyclePhaseSkipped] scheduler.kwargs.pct_start: pct_start (0) of 10 total steps gives no step to phase 1 (the warm-up) and"
            + " phase 2 (the return to the initial learning rate) of torch's OneCycleLR, which runs the other phases only: the learning"
            + " rate goes from 0.00328 at step 0 to 4.0E-5 at step 9; set pct_start so that every phase gets at least one step",
        // A line, so one step past its end it keeps falling, below 0 (torch: about -3.2e-4, from 4.0000000000000105e-05 at step 9).
        "[InvalidBounce] scheduler.kwargs.total_steps: at step 10 (total_steps) PyTorch evaluates the cycle once past its end, where the"
            + " learning rate would be -3.1999999999999997E-4 and the momentum 0.95; Anneal ends the plan before that step");
  }

  @Test
  void pctStartOneWithThreePhasesNeverAnneals() throws IOException {
    Imported imported = readCase("p0287-onecyclelr.json");
    assertWarnings(imported,
        "[OneCyclePhaseSkipped] scheduler.kwargs.pct_start: pct_start (1) of 10 total steps gives no step to phase 2 (the return to the"
            + " initial learning rate) and phase 3 (the anneal) of torch's OneCycleLR, which runs the other phases only: the learning rate"
            + " goes from 0.004 at step 0 to 0.1 at step 9; set pct_start so that every phase gets at least one step",
        "[BouncesPastTotal] scheduler.kwargs.total_steps: at step 10 (total_steps) PyTorch evaluates the cycle once past its end, so the"
            + " learning rate bounces back to 0.09710524579772362; one more scheduler.step() raises ValueError upstream, so Anneal refuses"
            + " steps after 10");
  }

  @Test
  void pctStartOneWithTwoPhasesEndsBeforeTorchDividesByZero() throws IOException {
    Imported imported = readCase("pct-start-one-two-phase.json");
    assertWarnings(imported,
        "[OneCyclePhaseSkipped] scheduler.kwargs.pct_start: pct_start (1) of 10 total steps gives no step to phase 2 (the anneal) of"
            + " torch's OneCycleLR, which runs the other phases only: the learning rate goes from 0.004 at step 0 to 0.1 at step 9; set"
            + " pct_start so that every phase gets at least one step",
        "[StepAfterEndRaises] scheduler.kwargs.total_steps: at step 10 (total_steps) torch's OneCycleLR picks a phase of length 0 and"
            + " raises ZeroDivisionError, so a loop that calls scheduler.step() after its last update stops there; every update before it"
            + " runs, and Anneal ends the plan before that step; give every phase at least one step (a pct_start below 1)");
    // The case file records torch's ZeroDivisionError at step total_steps (10): the plan ends before it.
    assertThrows(InvalidScheduleException.class, () -> imported.plan().lr().valueAt(10));
  }

  @Test
  void aPhaseOfLengthZeroThatAStepPicksIsRefusedAsTorchRaises() {
    // total_steps 1, pct_start 1: the warm-up ends at step 0, so torch 1.13 divides 0 by 0 at step 0.
    var thrown = assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").read(config(
        "{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}",
        "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 1, \"pct_start\": 1.0}}")));
    assertEquals("[OneCyclePhaseEmpty] scheduler.kwargs.pct_start: one-cycle phase 1 would span 0 steps (pct_start 1 of 1 total steps);"
        + " it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)", thrown.getMessage());
  }

  /** Reads a case file as a pytorch config and checks every channel it records against the plan. */
  private static Imported readCase(String file) throws IOException {
    JsonNode node;
    try (InputStream in = PyTorchOneCyclePhaseSkippedTest.class.getResourceAsStream(CASES + file)) {
      node = new ObjectMapper().readTree(in);
    }
    String scheduler = "{\"type\": \"OneCycleLR\", \"kwargs\": " + node.get("config") + "}";
    Imported imported = Formats.byName("pytorch").read(config(node.get("optimizer").toString(), scheduler));
    Plan plan = imported.plan();
    assertChannel(file + " lr", node.get("lr"), plan.lr());
    if (node.has("momentum")) {
      assertChannel(file + " momentum", node.get("momentum"), plan.channel(Plan.MOMENTUM));
    }
    return imported;
  }

  private static void assertChannel(String what, JsonNode expected, Schedule schedule) {
    double[] want = new double[expected.size()];
    double[] got = new double[expected.size()];
    for (int step = 0; step < want.length; step++) {
      want[step] = expected.get(step).asDouble();
      got[step] = schedule.valueAt(step);
    }
    GoldenAssert.assertCurve(what, want, got);
  }

  private static void assertWarnings(Imported imported, String... expected) {
    assertEquals(List.of(expected), imported.warnings().stream().map(Violation::toString).toList());
  }
}
