package dev.anneal.config.deepspeed;

import dev.anneal.config.DidYouMean;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.util.List;

/**
 * Reads a whole ds_config.json: the {@code optimizer} block (as far as the scheduler depends on it)
 * and the {@code scheduler} block, strictly; every other top-level section (zero_optimization,
 * fp16, train_batch_size, …) is none of a schedule's business and is ignored without a word.
 */
final class DeepSpeedReader {
  private static final List<String> SCHEDULER_KEYS = List.of("type", "params");

  private DeepSpeedReader() {}

  static Imported read(String text) {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject(text, problems);
    JsonFields optimizerBlock = root.optObject(Optimizer.PATH);
    Optimizer optimizer = Optimizer.read(optimizerBlock, problems);
    boolean optimizerGiven = root.raw(Optimizer.PATH) != null && !root.raw(Optimizer.PATH).isNull();
    Plan plan = root.has("scheduler")
        ? scheduler(root.optObject("scheduler"), optimizer, optimizerGiven, problems)
        : withoutScheduler(optimizer, problems);
    problems.throwIfErrors();
    return new Imported(DeepSpeedFormat.NAME, plan, problems.warnings()).withOptimizer(optimizer == null ? null : optimizer.settings());
  }

  private static Plan scheduler(JsonFields block, Optimizer optimizer, boolean optimizerGiven, Problems problems) {
    if (block == null) {
      return null;
    }
    String typeName = block.requireString("type");
    JsonFields params = block.requireObject("params");
    for (String key : block.keys()) {
      if (!SCHEDULER_KEYS.contains(key)) {
        problems.add(Code.UNKNOWN_KEY.at(block.path(key), key, "'" + key + "' in scheduler",
            DidYouMean.hint(key, SCHEDULER_KEYS) + " (DeepSpeed reads only type and params, so it would never apply)"));
      }
    }
    SchedulerType type = typeName == null ? null : SchedulerType.byName(typeName);
    if (typeName != null && type == null) {
      problems.add(Code.UNKNOWN_TYPE.at(block.path("type"), typeName, "scheduler type", "'" + typeName + "'", unknownTypeHint(typeName)));
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

  private static String unknownTypeHint(String typeName) {
    if (SchedulerType.TORCH_SCHEDULERS.contains(typeName)) {
      return "; " + typeName + " is a torch.optim.lr_scheduler class, which DeepSpeed builds from torch: read it with the pytorch format";
    }
    return DidYouMean.hint(typeName, SchedulerType.typeNames());
  }

  /** No scheduler: DeepSpeed keeps the optimizer's lr on every update. */
  private static Plan withoutScheduler(Optimizer optimizer, Problems problems) {
    if (optimizer != null && optimizer.lr().isPresent()) {
      double lr = optimizer.lr().getAsDouble();
      problems.add(Code.NO_SCHEDULER.at("scheduler", lr, lr));
      return Plan.of(new Sequence(List.of(new Phase(new Constant(lr), Phase.OPEN))));
    }
    if (!problems.hasErrors()) {
      problems.add(Code.MISSING_KEY.at("scheduler", null, "'scheduler' (and there is no optimizer.params.lr either: no learning rate to read)"));
    }
    return null;
  }
}
