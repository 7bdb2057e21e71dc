package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Imported;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Optional;

/**
 * Reads a whole ds_config.json: the {@code optimizer} block (as far as the scheduler depends on it)
 * and the {@code scheduler} block, strictly. Every other key is accounted for by {@link
 * DeepSpeedKeys}: a section DeepSpeed knows that does not change the schedule (zero_optimization,
 * fp16, train_batch_size, …) is named in an {@code IgnoredSetting} note with the reason, and so is
 * a top-level key DeepSpeed does not know (it ignores those too), with a "did you mean".
 */
final class DeepSpeedReader {
  private static final String LR_DECAY = "lr_decay";

  private DeepSpeedReader() {}

  static Imported read(JsonFields root) {
    Problems problems = root.problems();
    if (AutoValues.report(root, problems)) {
      // Every later check would only repeat that a string is no number.
      problems.throwIfErrors();
    }
    JsonFields optimizerBlock = root.optObject(Optimizer.PATH);
    Optimizer optimizer = Optimizer.read(optimizerBlock, problems);
    boolean optimizerGiven = root.raw(Optimizer.PATH) != null && !root.raw(Optimizer.PATH).isNull();
    Plan plan = root.has("scheduler")
        ? scheduler(root.optObject("scheduler"), optimizer, optimizerGiven, problems)
        : withoutScheduler(optimizer, problems);
    if (optimizerBlock != null) {
      optimizerKeys(optimizerBlock, plan, problems);
    }
    topLevelKeys(root);
    problems.throwIfErrors();
    return new Imported(DeepSpeedFormat.NAME, plan, problems.warnings()).withOptimizer(optimizer == null ? null : optimizer.settings());
  }

  /**
   * DeepSpeed ignores top-level keys it does not read: each is named, with the reason. A key close
   * to one DeepSpeed reads is likely a misspelling that drops a whole section, so it is a warning
   * with a "did you mean", which stays beside the errors the missing section may cause.
   */
  private static void topLevelKeys(JsonFields root) {
    for (String key : DeepSpeedKeys.TOP_LEVEL.reportIgnored(root, path -> false)) {
      Optional<String> meant = DidYouMean.closest(key, DeepSpeedKeys.TOP_LEVEL.keys());
      if (meant.isPresent()) {
        root.allow(key);
        root.problems().add(DeepSpeedCode.deepspeedKeyNotRead(root.path(key), key, meant.get()));
      } else {
        root.ignored(key, "DeepSpeed does not read this key and ignores it");
      }
    }
  }

  /**
   * The optimizer's keys the schedule does not use. Keys of the block besides type, params and
   * legacy_fusion are never read by DeepSpeed; a key of params no optimizer DeepSpeed builds takes
   * makes its constructor fail.
   */
  private static void optimizerKeys(JsonFields block, Plan plan, Problems problems) {
    for (String key : DeepSpeedKeys.OPTIMIZER_BLOCK.reportIgnored(block, path -> false)) {
      block.ignored(key, "DeepSpeed reads only type, params and legacy_fusion of the optimizer block"
          + closest(key, DeepSpeedKeys.OPTIMIZER_BLOCK.keys()));
    }
    JsonNode paramsNode = block.raw("params");
    if (paramsNode == null || !paramsNode.isObject()) {
      return; // absent, or not an object (reported by the optimizer's reader)
    }
    JsonFields params = block.optObject("params");
    lrDecay(params, problems);
    boolean momentumChannel = plan != null && plan.findChannel(Plan.MOMENTUM).isPresent();
    List<String> unknown = DeepSpeedKeys.OPTIMIZER_PARAMS.reportIgnored(params,
        path -> named(problems, path) || (momentumChannel && path.equals(params.path("momentum"))));
    for (String key : unknown) {
      problems.add(ConfigCode.unknownKey(params.path(key), key, " in optimizer.params"
          + DidYouMean.closest(key, DeepSpeedKeys.OPTIMIZER_PARAMS.keys()).map(name -> "; did you mean `" + name + "`?").orElse("")
              + " (DeepSpeed passes params to the optimizer's constructor, and no optimizer it builds takes it: it fails with a"
              + " TypeError)"));
    }
  }

  /** torch's Adagrad decays the learning rate itself by {@code lr_decay}: only 0 leaves the schedule as written. */
  private static void lrDecay(JsonFields params, Problems problems) {
    if (!params.has(LR_DECAY)) {
      return;
    }
    double value = params.optDouble(LR_DECAY, Double.NaN);
    if (value == 0) {
      params.ignored(LR_DECAY, "lr_decay 0 leaves the learning rate to the scheduler");
    } else if (!Double.isNaN(value)) {
      problems.add(ConfigCode.notImportable(params.path(LR_DECAY), value, "DeepSpeed", "lr_decay " + value + " makes torch's Adagrad divide the learning"
          + " rate by 1 + (t - 1) · lr_decay inside the optimizer, a decay the scheduler block does not show; set lr_decay to 0 and"
          + " write the decay as the scheduler"));
    }
  }

  /** {@code "; did you mean `x`?"} when a known key is close, else nothing (the known keys are too many to list). */
  private static String closest(String key, List<String> known) {
    return DidYouMean.closest(key, known).map(name -> "; did you mean `" + name + "`?").orElse("");
  }

  /** Whether a violation found so far is at {@code path} (so the key is named already). */
  private static boolean named(Problems problems, String path) {
    return problems.all().stream().anyMatch(violation -> violation.path().equals(path));
  }

  private static Plan scheduler(JsonFields block, Optimizer optimizer, boolean optimizerGiven, Problems problems) {
    if (block == null) {
      return null;
    }
    if (!block.has("type")) {
      // get_scheduler_name gives None without a type: the engine builds no scheduler and never reads params.
      block.allow("params");
      return withoutType(block, optimizer, problems);
    }
    String typeName = block.requireString("type");
    JsonFields params = block.requireObject("params");
    for (String key : block.unconsumed()) {
      problems.add(ConfigCode.unknownKey(block.path(key), key, " in scheduler"
          + DidYouMean.hint(key, DeepSpeedKeys.SCHEDULER_BLOCK.keys()) + " (DeepSpeed reads only type and params, so it would never apply)"));
    }
    SchedulerType type = typeName == null ? null : SchedulerType.byName(typeName);
    if (typeName != null && type == null) {
      if (TorchSchedulerType.isTorchScheduler(typeName)) {
        if (params == null) {
          return null;
        }
        // torch's reader checks every keyword argument itself, at these same paths.
        params.allow(params.keys().toArray(String[]::new));
        return TorchSchedulerType.read(typeName, block.raw("params"), optimizer, optimizerGiven, problems);
      }
      problems.add(DeepSpeedCode.unknownScheduler(block.path("type"), typeName, UnknownSchedulerHint.of(typeName)));
    }
    if (type == null || params == null) {
      return null;
    }
    SchedulerParams scheduler = new SchedulerParams(type, params, optimizer, optimizerGiven, problems);
    scheduler.rejectUnknownKeys();
    DeepSpeedScheduler read = switch (type) {
      case LR_RANGE_TEST -> RangeTestScheduler.read(scheduler);
      case ONE_CYCLE -> OneCycleScheduler.read(scheduler);
      case WARMUP_LR -> WarmupLrScheduler.read(scheduler);
      case WARMUP_DECAY_LR -> WarmupDecayLrScheduler.read(scheduler);
      case WARMUP_COSINE_LR -> WarmupCosineLrScheduler.read(scheduler);
    };
    if (read == null) {
      return null;
    }
    try {
      return new Plan(read.channels());
    } catch (InvalidScheduleException e) {
      // Values within every documented bound can still overflow at a late step (an absurd rate):
      // report the model's own violation at the parameters that produced it.
      for (Violation violation : e.violations()) {
        problems.add(violation.relocated(params.path(), null, null));
      }
      for (Violation warning : e.warnings()) {
        problems.add(warning.relocated(params.path(), null, null));
      }
      return null;
    }
  }

  /** A scheduler block without a type: as without a scheduler, but a warning says the block is never read. */
  private static Plan withoutType(JsonFields block, Optimizer optimizer, Problems problems) {
    if (optimizer != null && optimizer.lr().isPresent()) {
      double lr = optimizer.lr().getAsDouble();
      problems.add(DeepSpeedCode.schedulerWithoutType(block.path("type"), lr));
      return Plan.of(new Sequence(List.of(new Phase(new Constant(lr), Phase.OPEN))));
    }
    problems.add(ConfigCode.missingKey(block.path("type"), "'type' (without it DeepSpeed builds no scheduler, and there is no"
        + " optimizer.params.lr either: no learning rate to read)"));
    return null;
  }

  /** No scheduler: DeepSpeed keeps the optimizer's lr on every update. */
  private static Plan withoutScheduler(Optimizer optimizer, Problems problems) {
    if (optimizer != null && optimizer.lr().isPresent()) {
      double lr = optimizer.lr().getAsDouble();
      problems.add(DeepSpeedCode.noScheduler("scheduler", lr));
      return Plan.of(new Sequence(List.of(new Phase(new Constant(lr), Phase.OPEN))));
    }
    if (!problems.hasErrors()) {
      problems.add(ConfigCode.missingKey("scheduler", "'scheduler' (and there is no optimizer.params.lr either: no learning rate to read)"));
    }
    return null;
  }
}
