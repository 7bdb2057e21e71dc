package dev.anneal.config.pytorch;

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
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compositions PyTorch runs against intuition come with the warning that says what upstream does,
 * and those a torch version refuses are refused with its reason. Curves are checked against the
 * golden sets in {@link PyTorchEdgeGoldenTest}; values here are hand-derived from {@code
 * lr_scheduler.py}.
 */
class PyTorchCompositionsTest {
  private static final String SGD = "{\"type\": \"SGD\", \"lr\": 0.01}";

  @Test
  void anAbsoluteMemberOfAChainDiscardsTheFactorsBeforeItAndKeepsOneStepOfThoseAfter() {
    Imported imported = read(SGD, "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 10}},"
        + "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"step_size_up\": 25, \"cycle_momentum\": false}},"
        + "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.5}}]}}", "");

    assertEquals(List.of("[ChainOverwritesFactors] scheduler.kwargs.schedulers[1]: CyclicLR (schedulers[1]) sets the learning rate from its"
        + " own base at every step instead of multiplying it, so in this ChainedScheduler its first value is initial_lr 0.01, not base_lr"
        + " 0.001 (its first step runs before it sets base_lrs), and the factors of schedulers[0] are discarded"
        + " every step, and schedulers[2] multiplies it by one step's ratio only (ExponentialLR's gamma once, not gamma^t); if you meant"
        + " the product of the schedules, write it with Anneal's builder"), messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.01, lr.valueAt(0), 1e-18); // initial_lr: CyclicLR's first step ran before it set base_lrs
    assertEquals((0.001 + 0.009 / 25) * 0.5, lr.valueAt(1), 1e-15); // one gamma, not gamma^1 on top of ConstantLR's 0.5
    assertEquals(0.01 * 0.5, lr.valueAt(25), 1e-15);
  }

  @Test
  void aOneCycleBuiltAfterTheFirstMemberRewritesItsBaseAndAZeroLengthMemberNeverRuns() {
    Imported imported = read("{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}", "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 20}},"
        + "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.5}},"
        + "{\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1, \"total_steps\": 100, \"cycle_momentum\": false}}],"
        + " \"milestones\": [10, 10]}}", "");

    assertEquals(List.of("[BouncesPastTotal] scheduler.kwargs.schedulers[2].kwargs.total_steps: at step 100 (total_steps) PyTorch evaluates"
        + " the cycle once past its end, so the learning rate bounces back to 5.074647154757325E-5; one more scheduler.step() raises"
        + " ValueError upstream, so Anneal refuses steps after 100",
        "[OneCycleRewritesBase] scheduler.kwargs.schedulers[2]: OneCycleLR (schedulers[2]) sets the optimizer's initial_lr"
        + " to 0.004 (max_lr / div_factor) when it is built, and SequentialLR starts ConstantLR from initial_lr, so ConstantLR multiplies"
        + " 0.004 instead of lr 0.1; build OneCycleLR first, or set the optimizer's lr to 0.004 to say so"), messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.002, lr.valueAt(0), 1e-18); // 0.5 x initial_lr 0.004
    assertEquals(0.002, lr.valueAt(9), 1e-18);
    assertEquals(0.004, lr.valueAt(10), 1e-15); // ExponentialLR never runs; OneCycleLR starts at max_lr / 25
  }

  @Test
  void aMemberStoppedInsideAPhaseRunsItsOwnValuesUntilItsMilestone() {
    Imported imported = read("{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}", "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"PolynomialLR\", \"kwargs\": {\"total_iters\": 100, \"power\": 2.0}},"
        + "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}}], \"milestones\": [50]}}", "");

    assertEquals(List.of(), messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.1 * 0.51 * 0.51, lr.valueAt(49), 1e-15);
    assertEquals(0.1, lr.valueAt(50), 1e-15);
    assertEquals(0.09, lr.valueAt(51), 1e-15);
  }

  @Test
  void torch2RewindsANestedSequentialButSwitchesItOneStepEarly() {
    Imported imported = read("{\"type\": \"SGD\", \"lr\": 1.0}", "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.5, \"total_iters\": 10}},"
        + "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}}], \"milestones\": [10]}},"
        + "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.1, \"total_iters\": 5}}], \"milestones\": [30]}}", "");

    assertEquals(List.of("[NestedMilestonesEarly] scheduler.kwargs.schedulers[0].kwargs.milestones: torch 2.x rewinds the schedulers inside"
        + " this SequentialLR but not its own step count, so it starts LinearLR at its first value but every milestone of it takes effect"
        + " one step early ([10] act as [9]; pytorch/pytorch#196243); list its schedulers in the outer SequentialLR to switch on time"),
        messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.5, lr.valueAt(0), 1e-15);
    assertEquals(0.5 + 0.5 * 8 / 10, lr.valueAt(8), 1e-15);
    assertEquals(1.0, lr.valueAt(9), 1e-15); // ExponentialLR restarts at the base one step early
    assertEquals(0.9, lr.valueAt(10), 1e-15);
    assertEquals(0.1, lr.valueAt(30), 1e-15); // the outer milestone is on time
  }

  @Test
  void torch2StepsTheMembersOfAFirstChainOnceOutsideTheirInitialMode() {
    Imported imported = read("{\"type\": \"SGD\", \"lr\": 1.0}", "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.5}},"
        + "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 2}}]}},"
        + "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.1, \"total_iters\": 5}}], \"milestones\": [4]}}", "");

    assertEquals(List.of("[FirstStepOutsideInitialMode] scheduler.kwargs.schedulers[0].kwargs.schedulers[0]: torch 2.x rewinds ExponentialLR"
        + " (schedulers[0]) inside this first member of SequentialLR and steps it once outside its initial mode, so it applies its step"
        + " ratio at step 0 too: the learning rate starts at 0.5 x its own first value; give ExponentialLR (schedulers[0]) to the"
        + " SequentialLR directly to start at its first value"), messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.5, lr.valueAt(0), 1e-15);
    assertEquals(0.25, lr.valueAt(1), 1e-15);
    assertEquals(0.125 * 0.1, lr.valueAt(2), 1e-15); // StepLR's gamma 0.1 at its step 2
    assertEquals(0.1, lr.valueAt(4), 1e-15);
  }

  @Test
  void theOptimizerKeywordOfAChainIsTorch2Only() {
    String chain = "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}}],"
        + " \"optimizer\": \"optimizer\"}}";

    assertEquals(List.of(), messages(read(SGD, chain, "").warnings()));
    assertRefused(SGD, chain, "1.13",
        "[NewerTorchOnly] scheduler.kwargs.optimizer: ChainedScheduler(..., optimizer=...) is new in torch 2.x: torch 1.13 raises TypeError"
            + " (ChainedScheduler.__init__() got an unexpected keyword argument 'optimizer'); remove it, or remove \"torch_version\": \"1.13\""
            + " to follow the newest PyTorch");
  }

  @Test
  void torch113RefusesAChainAsFirstMember() {
    String chainFirst = "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"ChainedScheduler\", \"kwargs\": {\"schedulers\": [{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.9}}]}},"
        + "{\"type\": \"ConstantLR\"}], \"milestones\": [4]}}";

    assertRefused(SGD, chainFirst, "1.13",
        "[NotImportable] scheduler.kwargs.schedulers[0]: cannot be imported from PyTorch: torch 1.13 raises AttributeError building this"
            + " SequentialLR: it rewinds every member's last_epoch, which its ChainedScheduler does not have (torch 2.x runs it); remove"
            + " \"torch_version\": \"1.13\" or give the chain's schedulers to a ChainedScheduler on its own");
  }

  /**
   * Curves of torch 1.13 itself, made by {@code torch113-compositions.py} beside the JSON: the
   * golden sets have none of these compositions for 1.13.
   */
  @Test
  void torch113CompositionsMatchTorch113AtEveryStep() throws Exception {
    JsonNode reference;
    try (InputStream in = getClass().getResourceAsStream("torch113-compositions.json")) {
      reference = new ObjectMapper().readTree(in);
    }
    for (JsonNode golden : reference.get("cases")) {
      String name = golden.get("name").asText();
      Plan plan = read(golden.get("optimizer").toString(), golden.get("scheduler").toString(), "1.13").plan();
      GoldenAssert.assertCurve(name + " lr", doubles(golden.get("lr")), plan.lr().values(0, golden.get("lr").size()));
      if (plan.findChannel(Plan.MOMENTUM).isPresent()) {
        GoldenAssert.assertCurve(name + " momentum", doubles(golden.get("momentum")),
            plan.channel(Plan.MOMENTUM).values(0, golden.get("momentum").size()));
      }
    }
  }

  @Test
  void torch113StartsTheFirstSchedulerOfANestedSequentialOneStepAheadFromTheFullLearningRate() {
    Imported imported = read("{\"type\": \"AdamW\", \"lr\": 0.001}", "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": ["
        + "{\"type\": \"SequentialLR\", \"kwargs\": {\"schedulers\": [{\"type\": \"LinearLR\", \"kwargs\": {\"start_factor\": 0.05, \"total_iters\": 20}},"
        + "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0.99}}], \"milestones\": [20]}},"
        + "{\"type\": \"ConstantLR\", \"kwargs\": {\"factor\": 0.5, \"total_iters\": 10}}], \"milestones\": [50]}}", "1.13");

    assertEquals(List.of(
        "[NestedFirstAhead] scheduler.kwargs.schedulers[0].kwargs.schedulers[0]: torch 1.13 rewinds the step count of this nested"
            + " SequentialLR but not its schedulers, so LinearLR starts one step ahead and from the full learning rate: 1.95 x lr at"
            + " step 0 (torch 2.x does otherwise); list its schedulers in the outer SequentialLR to start at its first value"),
        messages(imported.warnings()));
    Schedule lr = imported.plan().lr();
    assertEquals(0.00195, lr.valueAt(0), 1e-15);
    assertEquals(0.02, lr.valueAt(19), 1e-15); // 20 x lr: the warm-up climbed from lr, not from 0.05 x lr
    assertEquals(0.001, lr.valueAt(20), 1e-15); // the inner milestone is on time
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(array.get(i).asText());
    }
    return out;
  }

  @Test
  void torch2CyclesAdamsBeta1AndWarnsWhenTheMomentumDefaultsAreSgds() {
    String adam = "{\"type\": \"Adam\", \"lr\": 0.001, \"betas\": [0.95, 0.999]}";
    String cyclic = "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"step_size_up\": 10}}";

    Imported imported = read(adam, cyclic, "");

    assertEquals(List.of("[CyclesBeta1] scheduler.kwargs.cycle_momentum: torch 2.x's CyclicLR cycles Adam's betas[0] when cycle_momentum"
        + " is true (the default), here between SGD momentum's defaults max_momentum 0.9 and base_momentum 0.8, replacing betas[0] 0.95;"
        + " set cycle_momentum to false to keep betas[0], or set base_momentum and max_momentum for it"), messages(imported.warnings()));
    Schedule beta1 = imported.plan().channel("momentum");
    assertEquals(0.9, beta1.valueAt(0), 1e-15);
    assertEquals(0.8, beta1.valueAt(10), 1e-15);
    assertRefused(adam, cyclic, "1.13", "[NoMomentumToCycle] scheduler.kwargs.cycle_momentum: Adam has no momentum in torch 1.13, so"
        + " CyclicLR with cycle_momentum true raises ValueError there; set cycle_momentum to false");
  }

  @Test
  void anUnknownTorchVersionIsRefusedWithTheAcceptedOnes() {
    assertRefused(SGD, "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 3}}", "3.0",
        "[UnknownType] torch_version: unknown torch_version '3.0'; expected one of: 1.13, 2, 2.<minor> (leave it out for the newest PyTorch 2.x)");
  }

  private static Imported read(String optimizer, String scheduler, String version) {
    return Formats.byName("pytorch").read(config(optimizer, scheduler, version));
  }

  private static void assertRefused(String optimizer, String scheduler, String version, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> read(optimizer, scheduler, version));
    assertEquals(List.of(expected), messages(e.violations()));
  }

  private static String config(String optimizer, String scheduler, String version) {
    return "{\"optimizer\": " + optimizer + ", \"scheduler\": " + scheduler
        + (version.isEmpty() ? "" : ", \"torch_version\": \"" + version + "\"") + "}";
  }

  private static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }
}
