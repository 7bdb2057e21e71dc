package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code scheduler.type} that is not one of DeepSpeed's five: {@code
 * DeepSpeedEngine._scheduler_from_config} (deepspeed/runtime/engine.py) then calls {@code
 * getattr(torch.optim.lr_scheduler, type)(optimizer, **params)} on the optimizer DeepSpeed built from
 * the {@code optimizer} block, and steps it after every update. The class is built as the {@code
 * pytorch} format builds it (momentum channel included: OneCycleLR cycles Adam's β1, CyclicLR SGD's
 * momentum), with violations at {@code scheduler.params}. The classes a ds_config cannot call are
 * refused with the reason DeepSpeed's call fails.
 */
final class TorchSchedulerType {
  private static final String TYPE_PATH = "scheduler.type";

  private static final String PARAMS_PATH = "scheduler.params";

  private static final String OPTIMIZER_PARAMS_PATH = "optimizer.params";

  private static final String PYTORCH = "pytorch";

  /** Where the pytorch format reports a scheduler's keyword arguments. */
  private static final String KWARGS = "scheduler.kwargs";

  /** The classes whose call from a ds_config fails, or which Anneal cannot reproduce, with the reason. */
  private static final Map<String, String> NOT_BUILT = Map.of(
      "LambdaLR", "needs lr_lambda, a Python function that a JSON config cannot hold (the call fails with a TypeError)",
      "MultiplicativeLR", "needs lr_lambda, a Python function that a JSON config cannot hold (the call fails with a TypeError)",
      "SequentialLR", "needs scheduler objects in schedulers; from a ds_config they are JSON objects, and the constructor fails on"
          + " them (AttributeError); build it in your code and pass lr_scheduler to deepspeed.initialize, or use the pytorch format",
      "ChainedScheduler", "needs scheduler objects in schedulers; from a ds_config they are JSON objects, and the constructor fails on"
          + " them (AttributeError); build it in your code and pass lr_scheduler to deepspeed.initialize, or use the pytorch format",
      "ReduceLROnPlateau", "DeepSpeed's engine steps without the metric, catches the TypeError and passes train_batch_size() as the"
          + " metric instead, so the lr is cut every patience + 1 updates whatever the loss; Anneal does not import that: pass"
          + " lr_kwargs={'metrics': loss} to engine.step and read the scheduler with the pytorch format");

  private TorchSchedulerType() {}

  /** Whether DeepSpeed would look {@code name} up in {@code torch.optim.lr_scheduler}. */
  static boolean isTorchScheduler(String name) {
    return SchedulerType.TORCH_SCHEDULERS.contains(name);
  }

  /**
   * The plan of torch's {@code type} with {@code params} as keyword arguments; {@code null} after
   * reporting why it cannot be built. Its warnings go to {@code problems}.
   *
   * @param optimizer the optimizer block, or {@code null} where there is none or it is unusable
   * @param optimizerGiven whether the ds_config has an optimizer block
   */
  static Plan read(String type, JsonNode params, Optimizer optimizer, boolean optimizerGiven, Problems problems) {
    if (NOT_BUILT.containsKey(type)) {
      problems.add(DeepSpeedCode.torchSchedulerNotBuilt(TYPE_PATH, type, NOT_BUILT.get(type)));
      return null;
    }
    if (optimizer == null) {
      if (!optimizerGiven) {
        problems.add(ConfigCode.missingKey(Optimizer.PATH, "'optimizer' (torch's " + type + " is built on the optimizer DeepSpeed builds"
            + " from it; without the block the optimizer comes from your code, which Anneal cannot see)"));
      }
      return null;
    }
    ObjectNode torchOptimizer = torchOptimizer(optimizer);
    if (torchOptimizer == null) {
      problems.add(ConfigCode.notImportable(Optimizer.PATH + ".type", optimizer.type(), "DeepSpeed", "Anneal builds torch's " + type
          + " from a ds_config on Adam, AdamW or SGD, not on " + optimizer.type() + "; use one of those, or a DeepSpeed scheduler"));
      return null;
    }
    // The pytorch format reads the same class with the same keyword arguments; its paths are moved to the ds_config's.
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.set("optimizer", torchOptimizer);
    config.putObject("scheduler").put("type", type).set("kwargs", params);
    try {
      Imported built = Formats.byName(PYTORCH).read(config.toString());
      built.warnings().stream().map(TorchSchedulerType::moved).filter(Objects::nonNull).forEach(problems::add);
      return built.plan();
    } catch (InvalidScheduleException e) {
      e.violations().stream().map(TorchSchedulerType::moved).filter(Objects::nonNull).forEach(problems::add);
      e.warnings().stream().map(TorchSchedulerType::moved).filter(Objects::nonNull).forEach(problems::add);
      return null;
    }
  }

  /**
   * A violation of the pytorch reading at the ds_config's path ({@code scheduler.kwargs.x} is {@code
   * scheduler.params.x}, {@code optimizer.x} is {@code optimizer.params.x}); {@code null} for a note
   * about the optimizer's keys, which the ds_config's reader names itself.
   */
  private static Violation moved(Violation violation) {
    String path = violation.path();
    if (path.startsWith(KWARGS)) {
      return violation.relocated(PARAMS_PATH + path.substring(KWARGS.length()), null, null);
    }
    if (path.startsWith(Optimizer.PATH + ".")) {
      if (violation.severity() == Severity.NOTE) {
        return null;
      }
      return violation.relocated(OPTIMIZER_PARAMS_PATH + path.substring(Optimizer.PATH.length()), null, null);
    }
    return violation;
  }

  /**
   * The torch optimizer a scheduler sees, as the pytorch format's optimizer object: DeepSpeed's Adam
   * and AdamW (FusedAdam, or torch's with {@code torch_adam}) keep torch's {@code betas} in their
   * defaults; SGD is torch's. {@code null} for any other type.
   */
  private static ObjectNode torchOptimizer(Optimizer optimizer) {
    OptimizerSettings settings = optimizer.settings();
    ObjectNode torch = JsonNodeFactory.instance.objectNode();
    torch.put("lr", value(settings, OptimizerSettings.LR, 1e-3));
    torch.put("weight_decay", value(settings, OptimizerSettings.WEIGHT_DECAY, 0));
    switch (settings.algorithm()) {
      case ADAM, ADAMW -> {
        torch.put("type", settings.algorithm() == OptimizerSettings.Algorithm.ADAM ? "Adam" : "AdamW");
        torch.putArray("betas").add(value(settings, OptimizerSettings.BETA1, 0.9)).add(value(settings, OptimizerSettings.BETA2, 0.999));
      }
      case SGD -> {
        torch.put("type", "SGD");
        torch.put("momentum", value(settings, OptimizerSettings.MOMENTUM, 0));
      }
      default -> {
        return null;
      }
    }
    return torch;
  }

  private static double value(OptimizerSettings settings, String name, double fallback) {
    return settings.setting(name).map(OptimizerSettings.Setting::value).orElse(fallback);
  }
}
