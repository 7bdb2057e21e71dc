package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a state that cannot be taken over is refused with: every problem, each with its full message. */
class ForeignStatesTest {
  @Test
  void textThatIsNotJsonNamesTheParsersReasonAndWhere() {
    assertEquals(List.of("[StateNotJson] $: the scheduler state is not JSON (Unexpected character ('}' (code 125)): was expecting "
        + "double-quote to start field name at line 1, column 18); export it with the line for your framework in docs/resume-check.md"),
        problems("{\"last_epoch\": 3,}", Optional.empty()));
  }

  @Test
  void keysOfNoFrameworkAreListed() {
    assertEquals(List.of("[StateNotRecognised] $: the state's keys (epoch, lr) are no scheduler state Anneal reads: PyTorch's has "
        + "last_epoch, DeepSpeed's last_batch_iteration, Megatron-LM's num_steps and iteration, transformers' global_step and "
        + "log_history; export it as docs/resume-check.md shows, or pass --state-format"),
        problems("{\"epoch\": 3, \"lr\": 0.1}", Optional.empty()));
  }

  @Test
  void aPyTorchStateWithoutLastEpochIsRefusedWithEveryMissingField() {
    assertEquals(List.of(
        "[StateFieldMissing] last_epoch: the PyTorch state has no last_epoch, which counts the scheduler steps taken (the update to "
            + "resume at); export it with the line for PyTorch in docs/resume-check.md",
        "[StateFieldMissing] gamma: the PyTorch state has no gamma, which StepLR keeps as its constructor argument (the scheduler is "
            + "rebuilt from it); export it with the line for PyTorch in docs/resume-check.md"),
        problems("{\"type\": \"StepLR\", \"step_size\": 3, \"base_lrs\": [0.1]}", Optional.of(StateFormat.PYTORCH)));
  }

  @Test
  void aNegativeCountIsRefusedWithTheValue() {
    assertEquals(List.of("[StateFieldInvalid] last_batch_iteration: last_batch_iteration is -2: a whole number of at least -1"),
        problems("{\"type\": \"WarmupLR\", \"last_batch_iteration\": -2, \"min_lrs\": [0.0], \"max_lrs\": [0.001], "
            + "\"warmup_num_steps\": 10, \"warmup_type\": \"log\"}", Optional.empty()));
  }

  @Test
  void anUnknownStateFormatSuggestsTheClosest() {
    InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> ForeignStates.format("deepsped"));
    assertEquals(List.of("[UnknownStateFormat] --state-format: unknown state format 'deepsped'; did you mean `deepspeed`?"),
        refused.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aDeepSpeedStateResumesOneUpdateAfterItsLastBatchIteration() {
    ForeignState state = ForeignStates.read(TakeOverResources.text("deepspeed/warmupdecaylr-log-min-lr.state.json"), Optional.empty());

    assertEquals(StateFormat.DEEPSPEED, state.system());
    assertEquals(150, state.schedulerSteps());
    assertEquals("{\"scheduler\":{\"type\":\"WarmupDecayLR\",\"params\":{\"warmup_min_lr\":1.0E-6,\"warmup_max_lr\":1.0E-4,"
        + "\"warmup_num_steps\":100,\"warmup_type\":\"log\",\"total_num_steps\":2000}}}", state.upstream().orElseThrow().config().toString());
  }

  @Test
  void aStateWithoutTypeIsToldByItsFields() {
    // torch.load("scheduler.pt") gives the state_dict alone: StepLR's step_size and gamma name the class.
    String state = TakeOverResources.text("pytorch/steplr.state.json").replace("\"type\": \"StepLR\", ", "");

    ForeignState read = ForeignStates.read(state, Optional.empty());

    assertEquals("StepLR", read.kind());
    assertEquals("{\"optimizer\":{\"type\":\"SGD\",\"lr\":0.1},\"scheduler\":{\"type\":\"StepLR\",\"kwargs\":{\"step_size\":3,\"gamma\":0.5}}}",
        read.upstream().orElseThrow().config().toString());
  }

  private static List<String> problems(String text, Optional<StateFormat> format) {
    InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> ForeignStates.read(text, format));
    return refused.violations().stream().map(Violation::toString).toList();
  }
}
