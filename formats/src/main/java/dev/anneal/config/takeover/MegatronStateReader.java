package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads Megatron-LM's {@code opt_param_scheduler} state (at d98e8a6: {@code max_lr}, {@code
 * lr_warmup_steps}, {@code num_steps}, {@code lr_decay_style}, {@code lr_decay_steps}, {@code min_lr},
 * {@code start_wd}, {@code end_wd}, {@code wd_incr_style}, {@code wd_incr_steps}) with the checkpoint's
 * {@code iteration}. Steps are samples: {@code num_steps} grows by the global batch every iteration.
 * Which values a resumed run uses depends on the flags ({@link MegatronTakeOver}), so nothing is
 * rebuilt here.
 */
final class MegatronStateReader {
  private MegatronStateReader() {}

  static ForeignState read(JsonNode state) {
    StateFields fields = new StateFields(state, StateFormat.MEGATRON);
    MegatronSchedulerState values = new MegatronSchedulerState(
        fields.count("iteration", 0, "is the checkpoint's iteration (the update to resume at); add it from model_optim_rng.pt"),
        fields.count("num_steps", 0, "counts the samples the scheduler has seen"),
        fields.number("max_lr", "is --lr"),
        fields.number("min_lr", "is --min-lr"),
        fields.steps("lr_warmup_steps", "is the warm-up in samples"),
        fields.count("lr_decay_steps", 0, "is the decay's length in samples"),
        fields.text("lr_decay_style", "is --lr-decay-style"),
        fields.number("start_wd", "is --start-weight-decay"),
        fields.number("end_wd", "is --end-weight-decay"),
        fields.count("wd_incr_steps", 0, "is the weight decay's length in samples"),
        fields.text("wd_incr_style", "is --weight-decay-incr-style"));
    fields.throwIfProblems();
    List<Violation> notes = new ArrayList<>();
    if (values.iteration() > 0 && values.numSteps() % values.iteration() != 0) {
      fields.problem(TakeOverCode.stateFieldInvalid("num_steps", "num_steps", Long.toString(values.numSteps()),
          "a whole number of global batches (iteration " + values.iteration() + "); a changing batch size (--rampup-batch-size) is not taken over"));
      fields.throwIfProblems();
    }
    return new ForeignState(StateFormat.MEGATRON, "opt_param_scheduler", fields.read(), values.iteration(), OptionalDouble.empty(),
        Optional.empty(), Optional.empty(), new TreeMap<>(), OptionalLong.empty(), Optional.of(values), notes);
  }
}
