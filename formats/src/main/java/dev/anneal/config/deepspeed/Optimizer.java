package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.JsonSettings;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.Problems;
import dev.anneal.config.TorchOptimizerChecks;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code optimizer} block of a ds_config: what DeepSpeed's schedulers depend on (its lr, which
 * {@code WarmupCosineLR} scales and {@code WarmupLR} warms up to by default, and whether it has
 * Adam's betas, which {@code OneCycle} cycles only then), and every setting of the optimizer
 * DeepSpeed builds from it ({@link #settings}), for a training loop to apply. Values are checked
 * where torch checks them.
 *
 * @param type the type as written, e.g. {@code AdamW}
 * @param hasBetas whether the optimizer DeepSpeed builds for this type has betas in its defaults
 * @param lr {@code params.lr}, if given
 * @param beta2 {@code params.betas[1]}, if given
 * @param momentum {@code params.momentum}, if given
 * @param settings the optimizer DeepSpeed builds, with its defaults
 */
record Optimizer(String type, boolean hasBetas, OptionalDouble lr, OptionalDouble beta2, OptionalDouble momentum, OptimizerSettings settings) {
  /** DeepSpeed's own optimizers (matched ignoring case), those with betas first. */
  private static final Set<String> DEEPSPEED_WITH_BETAS =
      Set.of("adam", "adamw", "lamb", "onebitadam", "zerooneadam", "onebitlamb", "muadam", "muadamw", "lion");

  private static final Set<String> DEEPSPEED_WITHOUT_BETAS = Set.of("adagrad", "musgd", "muon");

  /** Other names DeepSpeed looks up in {@code torch.optim} (matched exactly), those with betas first. */
  private static final Set<String> TORCH_WITH_BETAS = Set.of("Adam", "AdamW", "Adamax", "NAdam", "RAdam", "SparseAdam");

  private static final Set<String> TORCH_WITHOUT_BETAS = Set.of("SGD", "RMSprop", "Adadelta", "Adagrad", "ASGD", "Rprop", "LBFGS", "Adafactor");

  static final String PATH = "optimizer";

  static final String LR_PATH = "optimizer.params.lr";

  /** The optimizer type the writer names where a schedule needs one with betas (any of them gives the same curve). */
  static final String WRITTEN_TYPE = "AdamW";

  /** The optimizer type the writer names where a schedule needs one without betas that keeps a momentum. */
  static final String WRITTEN_TYPE_WITH_MOMENTUM = "SGD";

  /**
   * Reads the block; {@code null} if {@code block} is {@code null} (no optimizer block: the
   * optimizer comes from the user's code) or is unusable (the problems say why).
   */
  static Optimizer read(JsonFields block, Problems problems) {
    if (block == null) {
      return null;
    }
    String type = block.requireString("type");
    Boolean hasBetas = type == null ? null : hasBetas(type);
    if (type != null && hasBetas == null) {
      problems.add(ConfigCode.unknownType(block.path("type"), "optimizer type", type, DidYouMean.hint(type, KNOWN_NAMES)
          + " (DeepSpeed knows its own optimizers and those of torch.optim)"));
    }
    JsonFields params = block.optObject("params");
    OptionalDouble lr = OptionalDouble.empty();
    OptionalDouble beta2 = OptionalDouble.empty();
    OptionalDouble momentum = OptionalDouble.empty();
    if (params != null) {
      lr = atLeastZero(params, "lr", "torch raises ValueError: Invalid learning rate");
      beta2 = betas(params, problems);
      momentum = atLeastZero(params, "momentum", "torch raises ValueError: Invalid momentum value");
      atLeastZero(params, "weight_decay", "torch raises ValueError: Invalid weight_decay value");
    }
    if (hasBetas == null) {
      return null;
    }
    JsonFields kwargs = params != null ? params : JsonFields.of(JsonNodeFactory.instance.objectNode(), block.path("params"), new Problems());
    return new Optimizer(type, hasBetas, lr, beta2, momentum, settings(type, block.path("type"), kwargs));
  }

  /** DeepSpeed's fused Adam (and its CPU Adam) takes these besides torch's keyword arguments. */
  private static final String TORCH_ADAM = "torch_adam";

  private static final String ADAM_W_MODE = "adam_w_mode";

  /**
   * The optimizer {@code DeepSpeedEngine._configure_basic_optimizer} builds for {@code type} with
   * {@code params} as keyword arguments. For {@code Adam} and {@code AdamW}: {@code FusedAdam} (or
   * {@code DeepSpeedCPUAdam}; the same defaults), or torch's own with {@code torch_adam: true};
   * decoupled weight decay unless the type is {@code Adam} and {@code adam_w_mode} is false
   * ("Adam" means AdamW to DeepSpeed by default). Any other torch name is {@code torch.optim}'s
   * class with torch's defaults.
   */
  static OptimizerSettings settings(String type, String typePath, JsonFields params) {
    String lower = type.toLowerCase(Locale.ROOT);
    if (lower.equals("adam") || lower.equals("adamw")) {
      boolean torchAdam = flag(params, TORCH_ADAM, false);
      boolean decoupled = lower.equals("adamw") || flag(params, ADAM_W_MODE, true);
      // FusedAdam's weight decay defaults to 0; torch.optim.AdamW's to 0.01.
      double weightDecay = torchAdam && decoupled ? 0.01 : 0;
      JsonSettings settings = new JsonSettings(params)
          .number(OptimizerSettings.LR, "lr", 1e-3)
          .pair(OptimizerSettings.BETA1, OptimizerSettings.BETA2, "betas", 0.9, 0.999)
          .number(OptimizerSettings.EPS, "eps", 1e-8)
          .number(OptimizerSettings.WEIGHT_DECAY, "weight_decay", weightDecay)
          .flag(OptimizerSettings.AMSGRAD, "amsgrad", false);
      List<String> read = new ArrayList<>(List.of("lr", "betas", "eps", "weight_decay", "amsgrad", TORCH_ADAM, ADAM_W_MODE));
      if (!torchAdam) {
        settings.flag(OptimizerSettings.BIAS_CORRECTION, "bias_correction", true);
        read.add("bias_correction");
      }
      OptimizerSettings.Algorithm algorithm = decoupled ? OptimizerSettings.Algorithm.ADAMW : OptimizerSettings.Algorithm.ADAM;
      return new OptimizerSettings(algorithm, type, typePath, settings.others(read).settings());
    }
    if (type.equals("SGD")) {
      JsonSettings settings = new JsonSettings(params)
          .number(OptimizerSettings.LR, "lr", 1e-3)
          .number(OptimizerSettings.MOMENTUM, "momentum", 0)
          .number(OptimizerSettings.DAMPENING, "dampening", 0)
          .number(OptimizerSettings.WEIGHT_DECAY, "weight_decay", 0)
          .flag(OptimizerSettings.NESTEROV, "nesterov", false)
          .others(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov"));
      return new OptimizerSettings(OptimizerSettings.Algorithm.SGD, type, typePath, settings.settings());
    }
    return new OptimizerSettings(OptimizerSettings.Algorithm.OTHER, type, typePath, new JsonSettings(params).others(List.of()).settings());
  }

  private static boolean flag(JsonFields params, String key, boolean fallback) {
    JsonNode node = params.raw(key);
    return node != null && node.isBoolean() ? node.booleanValue() : fallback;
  }

  /** Whether {@code type} has betas; {@code null} if DeepSpeed would not know the type. */
  static Boolean hasBetas(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    if (DEEPSPEED_WITH_BETAS.contains(lower) || TORCH_WITH_BETAS.contains(type)) {
      return true;
    }
    if (DEEPSPEED_WITHOUT_BETAS.contains(lower) || TORCH_WITHOUT_BETAS.contains(type)) {
      return false;
    }
    return null;
  }

  /** The names a message suggests from, spelled as DeepSpeed's documentation and torch spell them. */
  private static final List<String> KNOWN_NAMES = List.of("Adam", "AdamW", "Lamb", "OneBitAdam", "ZeroOneAdam", "OneBitLamb", "MuAdam",
      "MuAdamW", "Lion", "Adagrad", "MuSGD", "Muon", "Adamax", "NAdam", "RAdam", "SparseAdam", "SGD", "RMSprop", "Adadelta", "ASGD",
      "Rprop", "LBFGS", "Adafactor");

  private static OptionalDouble atLeastZero(JsonFields params, String key, String why) {
    if (!params.has(key)) {
      return OptionalDouble.empty();
    }
    double value = params.optDouble(key, Double.NaN);
    if (Double.isNaN(value)) {
      return OptionalDouble.empty();
    }
    if (value < 0) {
      params.problems().add(RuleCode.outOfRange(params.path(key), key, value, "[0, ∞) (" + why + ")"));
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value);
  }

  /** Checks {@code betas} as torch does (two numbers, each in [0, 1)); returns β2. */
  private static OptionalDouble betas(JsonFields params, Problems problems) {
    if (!params.has("betas")) {
      return OptionalDouble.empty();
    }
    JsonNode raw = params.raw("betas");
    List<Double> betas = params.optDoubles("betas", List.of());
    if (raw.isArray() && raw.size() != 2) {
      problems.add(ConfigCode.wrongType(params.path("betas"), raw.size(), "two numbers [β1, β2]", "a list of " + raw.size()));
      return OptionalDouble.empty();
    }
    for (int i = 0; i < betas.size(); i++) {
      Optional<Violation> refused = TorchOptimizerChecks.beta(params.path("betas") + "[" + i + "]", "betas[" + i + "]", betas.get(i));
      if (refused.isPresent()) {
        problems.add(refused.get());
        return OptionalDouble.empty();
      }
    }
    return betas.size() == 2 && !Double.isNaN(betas.get(1)) ? OptionalDouble.of(betas.get(1)) : OptionalDouble.empty();
  }

  /** How messages name the momentum an optimizer keeps: {@code the optimizer's own value (0.9)}. */
  String describeMomentum() {
    return momentum.isPresent() ? "the optimizer's own value (" + Values.show(momentum.getAsDouble()) + ")" : "the optimizer's own value";
  }
}
