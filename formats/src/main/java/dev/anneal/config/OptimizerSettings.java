package dev.anneal.config;

import dev.anneal.rules.Values;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optimizer a config sets up, as its framework builds it: the algorithm and every
 * hyperparameter it then runs with, the framework's defaults included (each setting says whether
 * the config wrote it, and where). A training loop that takes a config applies these, or refuses
 * what it cannot apply; it never drops one silently.
 *
 * <p>Values are those the framework passes to the optimizer before any scheduler touches it; a
 * channel of the plan (lr, momentum or β1, weight decay) replaces the matching constant.
 *
 * @param algorithm the update rule, or {@link Algorithm#OTHER} for one Anneal's runtime does not have
 * @param name the optimizer as the config names it, e.g. {@code AdamW}, {@code adamw_torch}, {@code adam}
 * @param namePath where the config names it, e.g. {@code optimizer.type}; {@code null} for the
 *     framework's default optimizer (the config names none)
 * @param settings every hyperparameter, in the framework's order, each at most once
 * @param decayed the parameters the weight decay applies to
 */
public record OptimizerSettings(Algorithm algorithm, String name, String namePath, List<Setting> settings, Decayed decayed) {
  /** The learning rate. */
  public static final String LR = "lr";

  /** SGD's momentum. */
  public static final String MOMENTUM = "momentum";

  /** Adam's β1, the decay of the gradient's running mean. */
  public static final String BETA1 = "beta1";

  /** Adam's β2, the decay of the squared gradient's running mean. */
  public static final String BETA2 = "beta2";

  /** Adam's ε, added to the denominator. */
  public static final String EPS = "eps";

  /** The weight decay (L2 for SGD and Adam, decoupled for AdamW). */
  public static final String WEIGHT_DECAY = "weight_decay";

  /** SGD's dampening of the gradient added to the momentum buffer. */
  public static final String DAMPENING = "dampening";

  /** SGD's Nesterov momentum: 1 for true, 0 for false. */
  public static final String NESTEROV = "nesterov";

  /** Adam's AMSGrad variant: 1 for true, 0 for false. */
  public static final String AMSGRAD = "amsgrad";

  /** Adam's bias correction: 1 for true (the default), 0 for false. */
  public static final String BIAS_CORRECTION = "bias_correction";

  /** The update rules a config may name. */
  public enum Algorithm {
    /** {@code torch.optim.SGD}: {@code v ← m·v + (1 − dampening)·(g + wd·w); w ← w − lr·v}. */
    SGD,
    /** Adam with the weight decay added to the gradient (L2), as {@code torch.optim.Adam}. */
    ADAM,
    /** Adam with decoupled weight decay {@code w ← w − lr·wd·w}, as {@code torch.optim.AdamW}. */
    ADAMW,
    /** Any other (LAMB, Lion, Adagrad, Adafactor, …). */
    OTHER
  }

  /** Which parameters the weight decay applies to. */
  public enum Decayed {
    /** Every parameter: what {@code torch.optim} does with one parameter group (PyTorch, DeepSpeed). */
    ALL,
    /**
     * Every parameter but biases and normalisation layers' parameters, which get none: the parameter
     * groups of transformers' {@code Trainer} and of Megatron-LM (biases and 1-D parameters).
     */
    WEIGHTS_ONLY
  }

  /**
   * One hyperparameter.
   *
   * @param name one of the constants above ({@link #LR}, {@link #BETA1}, …), or the config's own
   *     key for a setting with no such meaning
   * @param value its value; booleans as 1 and 0; {@code NaN} if it is not a number
   * @param path where the config gives it, e.g. {@code optimizer.params.betas[0]} or {@code
   *     --adam-beta1 (line 3)}; {@code null} for the framework's default
   * @param shown the value as the config writes it, for messages
   */
  public record Setting(String name, double value, String path, String shown) {
    public Setting {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(shown, "shown");
    }

    /** A setting the config writes at {@code path}. */
    public static Setting written(String name, double value, String path, String shown) {
      return new Setting(name, value, Objects.requireNonNull(path, "path"), shown);
    }

    /** A value the framework takes by default. */
    public static Setting byDefault(String name, double value) {
      return new Setting(name, value, null, Values.show(value));
    }

    /** Whether the config writes it (else it is the framework's default). */
    public boolean isWritten() {
      return path != null;
    }
  }

  public OptimizerSettings {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(name, "name");
    settings = List.copyOf(settings);
    Objects.requireNonNull(decayed, "decayed");
    if (settings.stream().map(Setting::name).distinct().count() != settings.size()) {
      throw new IllegalArgumentException("a hyperparameter is given twice: " + settings);
    }
  }

  /** An optimizer that decays every parameter, as {@code torch.optim} does with one parameter group. */
  public OptimizerSettings(Algorithm algorithm, String name, String namePath, List<Setting> settings) {
    this(algorithm, name, namePath, settings, Decayed.ALL);
  }

  /** The setting named {@code name}, if the optimizer has it. */
  public Optional<Setting> setting(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The settings the config writes (not the framework's defaults). */
  public List<Setting> written() {
    return settings.stream().filter(Setting::isWritten).toList();
  }
}
