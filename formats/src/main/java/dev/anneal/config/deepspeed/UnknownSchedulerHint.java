package dev.anneal.config.deepspeed;

import dev.anneal.config.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a refusal of an unknown {@code scheduler.type} suggests: for a name tutorials recommend that
 * DeepSpeed never had, the closest real type and how to write the intended schedule; otherwise the
 * closest name DeepSpeed would accept (its own five and {@code torch.optim.lr_scheduler}'s classes).
 */
final class UnknownSchedulerHint {
  /** Where docs/parity/deepspeed.md writes each tutorial schedule in Anneal JSON. */
  private static final String DOCS = "docs/parity/deepspeed.md, section Types DeepSpeed never had";

  /** Names found in tutorials and answers, with the type that comes closest and what it lacks. */
  private static final Map<String, String> TUTORIAL_TYPES = Map.of(
      "WarmupOneCycle", "; the closest real type is OneCycle, whose first half already rises from cycle_min_lr to cycle_max_lr; for a"
          + " warm-up, then a one-cycle, then a decay, write the phases in Anneal JSON (" + DOCS + ")",
      "WarmupCosineDecayLR", "; the real type is WarmupCosineLR (a warm-up, then a cosine decay to cos_min_ratio × the optimizer's lr)",
      "WarmupLinearLR", "; the real type is WarmupDecayLR (a warm-up, then a linear decay to warmup_min_lr at total_num_steps)",
      "OneCycleLRWithWarmup", "; DeepSpeed's OneCycle or torch's OneCycleLR already warm up in their first phase; for a separate"
          + " warm-up first, write the phases in Anneal JSON (" + DOCS + ")");

  private UnknownSchedulerHint() {}

  static String of(String typeName) {
    if (TUTORIAL_TYPES.containsKey(typeName)) {
      return TUTORIAL_TYPES.get(typeName);
    }
    List<String> known = new ArrayList<>(SchedulerType.typeNames());
    known.addAll(SchedulerType.TORCH_SCHEDULERS);
    return DidYouMean.hint(typeName, known);
  }
}
