package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The frameworks whose saved scheduler state Anneal reads, by the name {@code --state-format} takes. */
public enum StateFormat {
  /** {@code scheduler.state_dict()} of a {@code torch.optim.lr_scheduler} class. */
  PYTORCH("PyTorch"),
  /** A DeepSpeed {@code lr_schedules} scheduler: its {@code last_batch_iteration} and its own fields. */
  DEEPSPEED("DeepSpeed"),
  /** Megatron-LM's {@code opt_param_scheduler} state with the checkpoint's {@code iteration}. */
  MEGATRON("Megatron-LM"),
  /** The transformers Trainer's {@code trainer_state.json}. */
  TRANSFORMERS("transformers");

  private final String display;

  StateFormat(String display) {
    this.display = display;
  }

  /** The name {@code --state-format} takes: {@code pytorch}, {@code deepspeed}, {@code megatron}, {@code transformers}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The framework's name as its own documentation writes it. */
  public String display() {
    return display;
  }

  /** Every {@link #cliName()}, in declaration order. */
  public static List<String> cliNames() {
    return Arrays.stream(values()).map(StateFormat::cliName).toList();
  }

  /**
   * The framework whose state {@code state} is, from the keys only that framework writes, or empty.
   * DeepSpeed's and Megatron-LM's keys are checked first: an export may add fields, never remove these.
   */
  static Optional<StateFormat> detect(JsonNode state) {
    if (state.has("last_batch_iteration")) {
      return Optional.of(DEEPSPEED);
    }
    if (state.has("num_steps") && state.has("max_lr")) {
      return Optional.of(MEGATRON);
    }
    if (state.has("global_step") && state.has("log_history")) {
      return Optional.of(TRANSFORMERS);
    }
    if (state.has("last_epoch")) {
      return Optional.of(PYTORCH);
    }
    return Optional.empty();
  }
}
