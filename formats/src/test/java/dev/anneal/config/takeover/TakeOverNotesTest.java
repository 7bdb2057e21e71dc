package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The notes a take-over prints where a state cannot tell everything: each with its full message. */
class TakeOverNotesTest {
  @Test
  void transformersLogsWrittenBefore451AreReadThatWayAndSaidSo() {
    String config = """
        {"lr_scheduler_type": "linear", "learning_rate": 2e-05, "warmup_steps": 100, "max_steps": 1000}""";
    TakeOverReport report = check("transformers/linear-warmup.state.json", "transformers", config);

    assertEquals(List.of("[LoggedLrConvention] log_history: the logged learning rates are read as transformers before 4.51 logs them: "
        + "the lr logged at step s is the one update s (counting from 0) uses next"),
        report.diagnostics().stream().map(Violation::toString).toList());
  }

  @Test
  void aLongerRunIsADifferenceTheTrainerMakesToo() {
    String config = """
        {"lr_scheduler_type": "linear", "learning_rate": 2e-05, "warmup_steps": 100, "max_steps": 2000}""";
    TakeOverReport report = check("transformers/linear-warmup.state.json", "transformers", config);

    // The logged lrs decay towards 1000, the config's towards 2000: they agree through the warm-up (steps 10 to 100) and part at 110.
    // Under the newer convention (update s - 1) step 10 is already off, so the older one, which holds longer, is used.
    assertEquals("max_steps: upstream 1000, config 2000 — the Trainer restores the scheduler's last_epoch but builds its lr_lambda "
        + "from the resumed run's arguments, so a resumed Trainer also ends at the config's length: the lr jumps at the resume step in both",
        report.differences().get(report.differences().size() - 2).toString());
    assertTrue(report.differences().get(0).path().startsWith("log_history learning_rate at step 110"), report.differences().toString());
  }

  @Test
  void aStateWithoutTheNextLrIsComparedByPlanOnly() {
    String state = "{\"type\": \"StepLR\", \"step_size\": 3, \"gamma\": 0.5, \"base_lrs\": [0.1], \"last_epoch\": 7}";
    String config = "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 3, \"gamma\": 0.5}}}";
    TakeOverReport report = TakeOverCheck.check(ForeignStates.read(state, Optional.empty()), Formats.byName("pytorch").read(config), config);

    assertEquals(List.of("[NoNextValue] _last_lr: the state does not record the value of update 7 (the export has no _last_lr): "
        + "only the plans are compared"), report.diagnostics().stream().map(Violation::toString).toList());
    assertTrue(report.continuesExactly());
  }

  @Test
  void aConfigWithoutMegatronFlagsIsComparedByItsCurve() {
    String config = "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.0006}, \"scheduler\": {\"type\": \"CyclicLR\", "
        + "\"kwargs\": {\"base_lr\": 0.0001, \"max_lr\": 0.0006, \"step_size_up\": 10, \"cycle_momentum\": false}}}";
    TakeOverReport report = check("megatron/gpt3-cosine.state.json", "pytorch", config);

    assertEquals("[ConfigNotMegatron] lr: the config's plan has no Megatron-LM flags ([Unsupported] channels.lr.phases[0]: cannot be written as Megatron: Megatron has no cyclic schedule), "
        + "so the checkpoint's values are compared with the config's curve only, not with the flags Megatron-LM would check",
        report.diagnostics().get(0).toString());
  }

  @Test
  void aPlateausStandingIsNamedWithTheCallThatCarriesIt() {
    TakeOverReport report = check("pytorch/plateau.state.json", "pytorch", TakeOverResources.text("pytorch/plateau.config.json"));

    // torch halved 0.1 twice on the metrics 0.95, 0.97 and 0.96, 0.99 after the best 0.9 (patience 1).
    assertEquals(List.of("[PlateauNotCarried] _last_lr: the plateau had reduced the lr to 0.025 (best metric 0.9, 0 bad epochs, 0 "
        + "cooldown epochs left), and optStartStep alone starts plateau phases with no metric observed, at the config's lr (0.1); start the "
        + "run with optStartState(\"lr\", report.lrState()) beside optStartStep to continue from this standing, as upstream does"),
        report.diagnostics().stream().map(Violation::toString).toList());
  }

  @Test
  void aStateWithNeitherTheNextLrNorItsSettingsShowsNothingAndSoNoExactTakeOver() {
    String state = "{\"type\": \"MyScheduler\", \"last_batch_iteration\": 9}";
    String config = "{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}}}";
    TakeOverReport report = TakeOverCheck.check(ForeignStates.read(state, Optional.empty()), Formats.byName("deepspeed").read(config), config);

    assertEquals(List.of(
        "[NoNextValue] _last_lr: the state does not record the value of update 10 (the export has no _last_lr): only the plans are compared",
        "[PlanNotRebuilt] type: MyScheduler's state does not hold a scheduler Anneal rebuilds (it rebuilds WarmupLR, WarmupDecayLR, "
            + "WarmupCosineLR, OneCycle and LRRangeTest), so upstream's plan cannot be rebuilt from it: only the value at the resume step "
            + "is compared"),
        report.diagnostics().stream().map(Violation::toString).toList());
    assertEquals(false, report.compared());
    assertEquals(false, report.continuesExactly());
  }

  private static TakeOverReport check(String state, String format, String config) {
    return TakeOverCheck.check(ForeignStates.read(TakeOverResources.text(state), Optional.empty()), Formats.byName(format).read(config), config);
  }
}
