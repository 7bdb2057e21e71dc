package dev.anneal.config.pytorch;

import dev.anneal.config.UpstreamName;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a {@code torch.optim} optimizer that a learning-rate scheduler reads or writes: its
 * type, its learning rate (the schedulers' {@code base_lr}, unless the scheduler sets its own), and
 * its momentum ({@code momentum} of SGD, {@code betas[0]} of Adam and AdamW), which {@link CyclicLR}
 * and {@link OneCycleLR} cycle. Immutable; values are checked by {@link PyTorchSchedulers#build}
 * (PyTorch's own checks: a learning rate, momentum and weight decay of at least 0, betas in [0, 1)).
 *
 * @param type the optimizer class
 * @param lr the optimizer's learning rate before any scheduler touched it
 * @param momentum SGD's momentum (PyTorch's default 0); ignored for Adam and AdamW
 * @param beta1 Adam's and AdamW's {@code betas[0]} (default 0.9); ignored for SGD
 * @param beta2 Adam's and AdamW's {@code betas[1]} (default 0.999); ignored for SGD
 * @param weightDecay the weight decay (SGD and Adam default 0, AdamW 0.01); never scheduled by PyTorch
 */
public record PyTorchOptimizer(Type type, double lr, double momentum, double beta1, double beta2, double weightDecay) {

  /** The optimizer classes a PyTorch config may name. */
  public enum Type implements UpstreamName {
    SGD("SGD"),
    ADAM("Adam"),
    ADAMW("AdamW");

    private final String torchName;

    Type(String torchName) {
      this.torchName = torchName;
    }

    /** The class name in {@code torch.optim}, e.g. {@code AdamW}. */
    @Override
    public String upstreamName() {
      return torchName;
    }

    /** The type whose {@link #upstreamName()} is {@code name}, or {@code null}. */
    public static Type byTorchName(String name) {
      return UpstreamName.find(Type.class, name).orElse(null);
    }
  }

  /** PyTorch's default {@code betas} of Adam and AdamW. */
  public static final double DEFAULT_BETA1 = 0.9;

  public static final double DEFAULT_BETA2 = 0.999;

  public PyTorchOptimizer {
    Objects.requireNonNull(type, "type");
  }

  /** {@code torch.optim.SGD(params, lr)}: no momentum, no weight decay. */
  public static PyTorchOptimizer sgd(double lr) {
    return new PyTorchOptimizer(Type.SGD, lr, 0, DEFAULT_BETA1, DEFAULT_BETA2, 0);
  }

  /** {@code torch.optim.SGD(params, lr, momentum)}. */
  public static PyTorchOptimizer sgd(double lr, double momentum) {
    return new PyTorchOptimizer(Type.SGD, lr, momentum, DEFAULT_BETA1, DEFAULT_BETA2, 0);
  }

  /** {@code torch.optim.Adam(params, lr)} with the default betas (0.9, 0.999). */
  public static PyTorchOptimizer adam(double lr) {
    return new PyTorchOptimizer(Type.ADAM, lr, 0, DEFAULT_BETA1, DEFAULT_BETA2, 0);
  }

  /** {@code torch.optim.AdamW(params, lr)} with the default betas (0.9, 0.999) and weight decay 0.01. */
  public static PyTorchOptimizer adamW(double lr) {
    return new PyTorchOptimizer(Type.ADAMW, lr, 0, DEFAULT_BETA1, DEFAULT_BETA2, 0.01);
  }

  /** A copy with {@code betas = (beta1, beta2)}. */
  public PyTorchOptimizer withBetas(double beta1, double beta2) {
    return new PyTorchOptimizer(type, lr, momentum, beta1, beta2, weightDecay);
  }

  /** A copy with the given weight decay. */
  public PyTorchOptimizer withWeightDecay(double weightDecay) {
    return new PyTorchOptimizer(type, lr, momentum, beta1, beta2, weightDecay);
  }

  /** Whether the optimizer has a {@code momentum} hyperparameter (SGD does, even at 0; Adam and AdamW do not). */
  public boolean hasMomentum() {
    return type == Type.SGD;
  }

  /** The name of the hyperparameter that PyTorch's one-cycle policy cycles: {@code momentum} or {@code betas[0]}. */
  public String momentumName() {
    return hasMomentum() ? "momentum" : "betas[0]";
  }

  /**
   * PyTorch's checks of the optimizer's arguments, with paths relative to the optimizer ({@code lr},
   * {@code momentum}, {@code betas[0]}, {@code weight_decay}).
   */
  public List<Violation> check() {
    List<Violation> out = new ArrayList<>();
    Rules.nonNegative(out, "lr", lr);
    if (type == Type.SGD) {
      Rules.nonNegative(out, "momentum", momentum);
    } else {
      betaInRange(out, "betas[0]", beta1);
      betaInRange(out, "betas[1]", beta2);
    }
    Rules.nonNegative(out, "weight_decay", weightDecay);
    return out;
  }

  private static void betaInRange(List<Violation> out, String field, double beta) {
    if (Rules.finite(out, field, beta) && (beta < 0 || beta >= 1)) {
      out.add(RuleCode.outOfRange(field, field, beta, "[0, 1)"));
    }
  }
}
