package dev.anneal.config;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.Optional;

/**
 * The argument checks of {@code torch.optim}'s constructors that a config reader repeats, so that a
 * config torch would refuse is refused with torch's reason; written once for every format whose
 * optimizer is a torch optimizer or a kernel of one (DeepSpeed's, transformers').
 */
public final class TorchOptimizerChecks {
  private TorchOptimizerChecks() {}

  /**
   * The refusal of an Adam beta outside [0, 1), where torch raises {@code ValueError: Invalid beta
   * parameter}; empty for a valid beta, and for NaN (a wrong type the reader reports itself).
   *
   * @param path the beta's path in the config, e.g. {@code optimizer.params.betas[1]}
   * @param name the beta as the config names it, e.g. {@code betas[1]} or {@code adam_beta2}
   */
  public static Optional<Violation> beta(String path, String name, double beta) {
    if (Double.isNaN(beta) || (beta >= 0 && beta < 1)) {
      return Optional.empty();
    }
    return Optional.of(RuleCode.outOfRange(path, name, beta, "[0, 1) (torch raises ValueError: Invalid beta parameter)"));
  }
}
