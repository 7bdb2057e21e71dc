package dev.anneal.cli.train;

import dev.anneal.cli.CliCode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.OptimizerSettings.Algorithm;
import dev.anneal.config.OptimizerSettings.Decayed;
import dev.anneal.config.OptimizerSettings.Setting;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the optimizer of a run: the config's, applied setting by setting as its framework would,
 * or the one {@code --optimizer} names, which replaces it (each setting it drops named as a note).
 * What Anneal's runtime cannot apply faithfully (another algorithm, Nesterov momentum, dampening,
 * AMSGrad, no bias correction, an unknown argument) is refused with the setting and the fix, never
 * dropped.
 *
 * @param choice the optimizer and its constants
 * @param description how the summary describes it ({@code null}: the kind's name says it all)
 * @param notes settings the config gives that {@code --optimizer} replaces, and settings that change nothing
 * @param errors settings Anneal cannot apply, each at its place in the config
 */
public record OptimizerResolution(OptimizerChoice choice, String description, List<Violation> notes, List<Violation> errors) {
  /** The optimizer used when neither the config nor {@code --optimizer} names one. */
  public static final OptimizerKind DEFAULT = OptimizerKind.ADAMW;

  private static final String ALTERNATIVE = "or give --optimizer sgd-pytorch, adam or adamw to train with Anneal's own instead (it replaces the config's)";

  /** Arguments that choose a kernel, not the update: torch computes the same step with any of them. */
  private static final Set<String> KERNEL_CHOICES = Set.of("foreach", "fused", "capturable", "differentiable", "set_grad_none");

  private static final Map<Algorithm, Set<String>> KNOWN = Map.of(
      Algorithm.SGD, Set.of(OptimizerSettings.LR, OptimizerSettings.MOMENTUM, OptimizerSettings.DAMPENING, OptimizerSettings.WEIGHT_DECAY,
          OptimizerSettings.NESTEROV),
      Algorithm.ADAM, Set.of(OptimizerSettings.LR, OptimizerSettings.BETA1, OptimizerSettings.BETA2, OptimizerSettings.EPS,
          OptimizerSettings.WEIGHT_DECAY, OptimizerSettings.AMSGRAD, OptimizerSettings.BIAS_CORRECTION),
      Algorithm.ADAMW, Set.of(OptimizerSettings.LR, OptimizerSettings.BETA1, OptimizerSettings.BETA2, OptimizerSettings.EPS,
          OptimizerSettings.WEIGHT_DECAY, OptimizerSettings.AMSGRAD, OptimizerSettings.BIAS_CORRECTION));

  public OptimizerResolution {
    notes = List.copyOf(notes);
    errors = List.copyOf(errors);
  }

  /**
   * The optimizer of a run of {@code plan}.
   *
   * @param config the config's optimizer, if it names one
   * @param given the kind {@code --optimizer} names, or {@code null} if it is not given
   */
  public static OptimizerResolution resolve(Optional<OptimizerSettings> config, OptimizerKind given, Plan plan) {
    if (given != null) {
      OptimizerChoice choice = OptimizerChoice.defaults(given);
      return new OptimizerResolution(choice, null, config.map(c -> replaced(c, choice, plan)).orElse(List.of()), List.of());
    }
    if (config.isEmpty()) {
      return new OptimizerResolution(OptimizerChoice.defaults(DEFAULT), null, List.of(), List.of());
    }
    return fromConfig(config.get(), plan);
  }

  private static OptimizerResolution fromConfig(OptimizerSettings config, Plan plan) {
    List<Violation> errors = new ArrayList<>();
    List<Violation> notes = new ArrayList<>();
    if (config.algorithm() == Algorithm.OTHER) {
      errors.add(CliCode.optimizerNotApplied(config.namePath() == null ? "optimizer" : config.namePath(), config.name(),
          "optimizer '" + config.name() + "'", "Anneal's runtime has SGD, Adam and AdamW only", "give --optimizer sgd-pytorch, adam or adamw"
              + " to train with one of those instead (it replaces the config's)"));
      return new OptimizerResolution(OptimizerChoice.defaults(DEFAULT), null, notes, errors);
    }
    for (Setting setting : config.settings()) {
      check(config.algorithm(), setting, errors, notes);
    }
    boolean sgd = config.algorithm() == Algorithm.SGD;
    OptimizerKind kind = sgd ? OptimizerKind.SGD_PYTORCH : config.algorithm() == Algorithm.ADAM ? OptimizerKind.ADAM : OptimizerKind.ADAMW;
    OptimizerChoice choice = new OptimizerChoice(kind,
        value(config, sgd ? OptimizerSettings.MOMENTUM : OptimizerSettings.BETA1, kind.constantMomentum()),
        value(config, OptimizerSettings.BETA2, OptimizerChoice.DEFAULT_BETA2),
        value(config, OptimizerSettings.EPS, OptimizerChoice.DEFAULT_EPS),
        value(config, OptimizerSettings.WEIGHT_DECAY, OptimizerKind.CONSTANT_WEIGHT_DECAY),
        config.decayed(),
        // torch, DeepSpeed's and Megatron-LM's fused Adam all add ε after the bias correction of v.
        ScheduledAdam.EpsilonForm.PYTORCH);
    return new OptimizerResolution(choice, describe(config, choice, plan), notes, errors);
  }

  private static void check(Algorithm algorithm, Setting setting, List<Violation> errors, List<Violation> notes) {
    String name = setting.name();
    String at = setting.path() == null ? name : setting.path();
    String what = name + " (" + setting.shown() + ")";
    double value = setting.value();
    if (!KNOWN.get(algorithm).contains(name)) {
      if (KERNEL_CHOICES.contains(name)) {
        notes.add(ConfigCode.ignoredSetting(at, setting.shown(), name + " chooses how torch computes the update, not the update"));
      } else {
        errors.add(CliCode.optimizerNotApplied(at, setting.shown(), what, "Anneal's " + label(algorithm) + " has no such setting",
            "remove it, " + ALTERNATIVE));
      }
      return;
    }
    switch (name) {
      case OptimizerSettings.NESTEROV -> refuseIf(value == 1, errors, at, setting, what, "Anneal's SGD has no Nesterov momentum", "set nesterov to false");
      case OptimizerSettings.DAMPENING -> refuseIf(value != 0, errors, at, setting, what,
          "Anneal's SGD has no dampening (torch adds (1 - dampening)·g to the momentum buffer)", "set dampening to 0");
      case OptimizerSettings.AMSGRAD -> refuseIf(value == 1, errors, at, setting, what, "Anneal's Adam has no AMSGrad variant", "set amsgrad to false");
      case OptimizerSettings.BIAS_CORRECTION -> refuseIf(value == 0, errors, at, setting, what, "Anneal's Adam always corrects the bias of its moments",
          "set bias_correction to true");
      case OptimizerSettings.MOMENTUM, OptimizerSettings.BETA1, OptimizerSettings.BETA2 -> refuseIf(!(value >= 0 && value < 1), errors, at, setting, what,
          "Anneal's optimizers take " + name + " in [0, 1)", "write a value below 1");
      case OptimizerSettings.EPS -> refuseIf(!(value > 0 && Double.isFinite(value)), errors, at, setting, what,
          "Anneal's Adam (DJL's kernel) needs an eps above 0", "write a small eps such as 1e-8");
      default -> { } // lr and weight decay: any value the config's own checks let through
    }
  }

  private static void refuseIf(boolean refused, List<Violation> errors, String at, Setting setting, String what, String why, String fix) {
    if (refused) {
      errors.add(CliCode.optimizerNotApplied(at, setting.shown(), what, why, fix + ", " + ALTERNATIVE));
    }
  }

  /** One note per setting the config writes that {@code --optimizer} drops (the plan's channels stay). */
  private static List<Violation> replaced(OptimizerSettings config, OptimizerChoice choice, Plan plan) {
    String flag = "--optimizer " + choice.kind().cliName();
    String replaces = flag + " replaces the config's " + config.name();
    List<Violation> notes = new ArrayList<>();
    if (config.namePath() != null) {
      notes.add(ConfigCode.ignoredSetting(config.namePath(), config.name(), replaces));
    }
    for (Setting setting : config.written()) {
      String channel = channelOf(setting.name());
      if (setting.name().equals(OptimizerSettings.LR) || (channel != null && plan.findChannel(channel).isPresent())) {
        continue; // the plan's channel applies, whichever optimizer runs
      }
      notes.add(ConfigCode.ignoredSetting(setting.path(), setting.shown(), replaces + instead(setting.name(), choice)));
    }
    return notes;
  }

  private static String instead(String name, OptimizerChoice choice) {
    return switch (name) {
      case OptimizerSettings.MOMENTUM, OptimizerSettings.BETA1 ->
          "; " + choice.kind().momentumMeaning() + " " + Numbers.show(choice.momentum()) + " applies instead";
      case OptimizerSettings.BETA2 -> choice.isAdam() ? "; beta2 " + Numbers.show(choice.beta2()) + " applies instead" : "; SGD has no beta2";
      case OptimizerSettings.EPS -> choice.isAdam() ? "; eps " + Numbers.show(choice.eps()) + " applies instead" : "; SGD has no eps";
      case OptimizerSettings.WEIGHT_DECAY -> "; weight decay " + Numbers.show(choice.weightDecay()) + " applies instead";
      default -> "";
    };
  }

  /** The plan's channel that replaces the constant {@code name}, if any. */
  private static String channelOf(String name) {
    return switch (name) {
      case OptimizerSettings.MOMENTUM, OptimizerSettings.BETA1 -> Plan.MOMENTUM;
      case OptimizerSettings.WEIGHT_DECAY -> Plan.WEIGHT_DECAY;
      default -> null;
    };
  }

  private static double value(OptimizerSettings config, String name, double fallback) {
    return config.setting(name).map(Setting::value).orElse(fallback);
  }

  /** E.g. {@code the config's AdamW, as adamw: beta1 0.9, beta2 0.95, eps 1e-8, weight decay 0.1}. */
  private static String describe(OptimizerSettings config, OptimizerChoice choice, Plan plan) {
    StringBuilder text = new StringBuilder("the config's ").append(config.name());
    if (config.namePath() == null) {
      text.append(" (its format's default)");
    }
    text.append(", as ").append(choice.kind().cliName()).append(": ");
    boolean momentumScheduled = plan.findChannel(Plan.MOMENTUM).isPresent();
    text.append(choice.kind().momentumMeaning()).append(' ').append(momentumScheduled ? "from the plan" : Numbers.show(choice.momentum()));
    if (choice.isAdam()) {
      text.append(", beta2 ").append(Numbers.show(choice.beta2())).append(", eps ").append(Numbers.show(choice.eps()));
    }
    text.append(", weight decay ").append(plan.findChannel(Plan.WEIGHT_DECAY).isPresent() ? "from the plan" : Numbers.show(choice.weightDecay()));
    if (choice.decayed() == Decayed.WEIGHTS_ONLY) {
      text.append(" (none on biases)");
    }
    return text.toString();
  }

  private static String label(Algorithm algorithm) {
    return switch (algorithm) {
      case SGD -> "SGD";
      case ADAM -> "Adam";
      case ADAMW -> "AdamW";
      case OTHER -> "optimizer";
    };
  }
}
