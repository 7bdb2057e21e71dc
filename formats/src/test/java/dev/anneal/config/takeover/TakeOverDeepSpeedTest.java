package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.golden.GoldenAssert;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DeepSpeed restores only last_batch_iteration, so a resumed DeepSpeed run takes the new config's
 * parameters: a changed setting is listed as a change both runs make, and only the first update,
 * which uses the lr the optimizer was saved with, parts them. State: takeover/deepspeed (golden
 * warmupdecaylr-log-min-lr after 150 updates).
 */
class TakeOverDeepSpeedTest {
  @Test
  void aLongerDecayChangesTheCurveInBothButTheFirstUpdateUsesTheSavedLr() {
    String config = """
        {"optimizer": {"type": "AdamW", "params": {"lr": 0.0001}},
         "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": 4000, "warmup_min_lr": 1e-06, "warmup_max_lr": 0.0001, "warmup_num_steps": 100}}}""";
    ForeignState state = ForeignStates.read(TakeOverResources.text("deepspeed/warmupdecaylr-log-min-lr.state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, Formats.byName("deepspeed").read(config), config);

    // Update 150 uses iteration 149: DeepSpeed's 1e-6 + 9.9e-5 * (2000 - 149) / 1900 against the config's 1e-6 + 9.9e-5 * (4000 - 149) / 3900.
    assertTrue(GoldenAssert.close(1e-6 + 9.9e-5 * 1851 / 1900, report.upstreamNext().getAsDouble()));
    assertTrue(GoldenAssert.close(1e-6 + 9.9e-5 * 3851 / 3900, report.annealNext().getAsDouble()));
    assertEquals(List.of(
        "lr at update 150: upstream 9.744684210526317E-5, config 9.875615384615385E-5 — upstream's optimizer was saved with this lr and "
            + "uses it for the next update; the config's first update after the takeover uses its own",
        "lr.phases[2].steps: upstream 1900, config 3900 — DeepSpeed's load_state_dict restores only last_batch_iteration, so a resumed "
            + "DeepSpeed run also takes the config's value: the curve changes at the resume step in both"),
        report.differences().stream().map(TakeOverDifference::toString).toList());
    assertEquals(List.of(true, false), report.differences().stream().map(TakeOverDifference::parts).toList());
    assertFalse(report.continuesExactly());
  }
}
