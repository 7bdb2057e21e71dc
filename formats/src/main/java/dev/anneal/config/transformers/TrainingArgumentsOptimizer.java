package dev.anneal.config.transformers;

import dev.anneal.config.JsonFields;
import dev.anneal.config.JsonSettings;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.OptimizerSettings.Algorithm;
import dev.anneal.config.TorchOptimizerChecks;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The optimizer fields of {@code TrainingArguments} ({@code optim}, {@code adam_beta1}, {@code
 * adam_beta2}, {@code adam_epsilon}, {@code weight_decay}), read as {@code Trainer.create_optimizer}
 * uses them: the AdamW variants build {@code AdamW(lr=learning_rate, betas=(adam_beta1,
 * adam_beta2), eps=adam_epsilon)}, {@code sgd} builds {@code torch.optim.SGD(lr=learning_rate)}, and
 * both put {@code weight_decay} on every parameter but biases and LayerNorm weights. Absent fields
 * take {@code TrainingArguments}' defaults.
 */
final class TrainingArgumentsOptimizer {
  static final String OPTIM = "optim";
  static final String BETA1 = "adam_beta1";
  static final String BETA2 = "adam_beta2";
  static final String EPSILON = "adam_epsilon";
  static final String WEIGHT_DECAY = "weight_decay";

  /** {@code TrainingArguments.optim}'s default (before torch 2.8, which makes it the fused kernel of the same AdamW). */
  static final String DEFAULT_OPTIM = "adamw_torch";

  /**
   * The {@code optim} values whose optimizer is torch's AdamW or a kernel of the same update. Not
   * {@code adamw_hf}: transformers' own AdamW adds ε before the bias correction and decays the
   * weights after the step, a different update (and gone from current releases).
   */
  private static final Set<String> ADAMW = Set.of("adamw_torch", "adamw_torch_fused", "adamw_apex_fused", "adamw_torch_xla",
      "adamw_torch_npu_fused");

  private static final String SGD = "sgd";

  private TrainingArgumentsOptimizer() {}

  /** The optimizer {@code Trainer} builds from {@code root}; bad values are reported to its problems. */
  static OptimizerSettings read(JsonFields root) {
    String optim = root.optString(OPTIM, DEFAULT_OPTIM);
    List<Violation> found = new ArrayList<>();
    beta(root, BETA1, 0.9);
    beta(root, BETA2, 0.999);
    Rules.nonNegative(found, EPSILON, root.optDouble(EPSILON, 1e-8));
    Rules.nonNegative(found, WEIGHT_DECAY, root.optDouble(WEIGHT_DECAY, 0));
    found.forEach(v -> root.problems().add(v.under(root.path())));
    if (optim == null) {
      return null;
    }
    String at = root.has(OPTIM) ? root.path(OPTIM) : null;
    JsonSettings settings = new JsonSettings(root);
    if (ADAMW.contains(optim)) {
      settings.number(OptimizerSettings.BETA1, BETA1, 0.9).number(OptimizerSettings.BETA2, BETA2, 0.999)
          .number(OptimizerSettings.EPS, EPSILON, 1e-8).number(OptimizerSettings.WEIGHT_DECAY, WEIGHT_DECAY, 0);
      return new OptimizerSettings(Algorithm.ADAMW, optim, at, settings.settings(), OptimizerSettings.Decayed.WEIGHTS_ONLY);
    }
    ignoreAdamFields(root, optim);
    if (optim.equals(SGD)) {
      settings.number(OptimizerSettings.WEIGHT_DECAY, WEIGHT_DECAY, 0);
      return new OptimizerSettings(Algorithm.SGD, optim, at, settings.settings(), OptimizerSettings.Decayed.WEIGHTS_ONLY);
    }
    settings.number(OptimizerSettings.WEIGHT_DECAY, WEIGHT_DECAY, 0);
    return new OptimizerSettings(Algorithm.OTHER, optim, at, settings.settings(), OptimizerSettings.Decayed.WEIGHTS_ONLY);
  }

  /** torch's AdamW takes a beta in [0, 1) and raises ValueError otherwise. */
  private static void beta(JsonFields root, String key, double fallback) {
    TorchOptimizerChecks.beta(root.path(key), key, root.optDouble(key, fallback)).ifPresent(root.problems()::add);
  }

  /** Trainer passes the Adam fields only to the AdamW variants: elsewhere they are read and dropped. */
  private static void ignoreAdamFields(JsonFields root, String optim) {
    for (String key : List.of(BETA1, BETA2, EPSILON)) {
      root.ignored(key, "Trainer passes " + key + " only to the AdamW optimizers, not to optim '" + optim + "'");
    }
  }

}
