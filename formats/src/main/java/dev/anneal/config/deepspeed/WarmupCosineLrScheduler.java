package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shifted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * DeepSpeed's {@code WarmupCosineLR}, in ratios of the optimizer's lr: 0 for the first update (set
 * at construction), then the warm-up from {@code warmup_min_ratio} towards 1 evaluated at
 * iterations 0, 1, …, then a cosine from 1 to {@code cos_min_ratio} whose progress counts from 1,
 * {@code min(1, (k - warmup + 1) / max(1, total - warmup))}, so that it reaches {@code
 * cos_min_ratio} at iteration {@code total_num_steps - 1} and holds it after (the floor).
 *
 * @param totalSteps {@code total_num_steps}; the writer writes at least the warm-up's length
 *     (every shorter total gives the same curve)
 */
record WarmupCosineLrScheduler(double lr, Warmup warmup, long totalSteps, double cosMinRatio) implements DeepSpeedScheduler {
  static final double DEFAULT_WARMUP_MIN_RATIO = 0.0;
  static final double DEFAULT_COS_MIN_RATIO = 0.0001;

  static WarmupCosineLrScheduler read(SchedulerParams params) {
    long total = params.require("total_num_steps") ? params.integer("total_num_steps", 1, 1) : 1;
    double warmupMinRatio = warmupMinRatio(params);
    long steps = params.warmupSteps();
    double cosMinRatio = cosMinRatio(params);
    WarmupType type = params.warmupType(steps);
    double lr = params.optimizerLr("WarmupCosineLR scales the optimizer's lr by its ratios");
    if (params.hasErrors()) {
      return null;
    }
    if (cosMinRatio > 1) {
      params.warn(DeepSpeedCode.ratioOutsideUnit(params.path("cos_min_ratio"), "cos_min_ratio", cosMinRatio, "DeepSpeed takes it as it"
          + " is, so after the warm-up the cosine rises from the optimizer's lr to " + Values.show(cosMinRatio) + " × it and holds that;"
          + " a ratio below 1 decays"));
    }
    if (!params.has("cos_min_ratio")) {
      params.warn(DeepSpeedCode.hiddenDefault(params.path("cos_min_ratio"), DEFAULT_COS_MIN_RATIO, "cos_min_ratio",
          "0.0001: the lr decays to 0.0001 × the optimizer's lr, not to 0"));
    }
    params.warn(RuleCode.firstUpdateAtZero("scheduler.type", 0.0, "WarmupCosineLR sets 0 at construction; the second update uses"
        + " warmup_min_ratio × lr (" + Values.show(lr * warmupMinRatio) + ")"));
    if (total < steps) {
      params.warn(DeepSpeedCode.totalBelowWarmup(params.path("total_num_steps"), total, steps,
          "cos_min_ratio × lr (" + Values.show(lr * cosMinRatio) + ")"));
    }
    return new WarmupCosineLrScheduler(lr, new Warmup(warmupMinRatio, 1.0, steps, type), total, cosMinRatio);
  }

  /**
   * {@code warmup_min_ratio}, which DeepSpeed takes as it is: above 1 it warms down (a warning);
   * below 0 the first updates would use a negative learning rate, which no Anneal plan holds.
   */
  private static double warmupMinRatio(SchedulerParams params) {
    String key = "warmup_min_ratio";
    double ratio = params.number(key, DEFAULT_WARMUP_MIN_RATIO);
    if (ratio < 0) {
      params.error(ConfigCode.notImportable(params.path(key), ratio, "DeepSpeed", "warmup_min_ratio " + Values.show(ratio) + " makes"
          + " DeepSpeed start the warm-up at a negative learning rate (it takes the ratio as it is), which steps up the loss and which"
          + " Anneal's plans refuse; write a ratio of at least 0"));
      return Double.NaN;
    }
    if (ratio > 1) {
      params.warn(DeepSpeedCode.ratioOutsideUnit(params.path(key), key, ratio, "DeepSpeed takes it as it is, so the warm-up falls from "
          + Values.show(ratio) + " × the optimizer's lr to 1 ×; a ratio below 1 warms up"));
    }
    return ratio;
  }

  /**
   * {@code cos_min_ratio}, which DeepSpeed takes as it is. Below 0 its cosine is clamped at 0 ({@code
   * max(0, …)}) from the update where it crosses 0: a shape Anneal's cosine cannot bound, so that is refused.
   */
  private static double cosMinRatio(SchedulerParams params) {
    String key = "cos_min_ratio";
    double ratio = params.number(key, DEFAULT_COS_MIN_RATIO);
    if (ratio < 0) {
      params.error(ConfigCode.notImportable(params.path(key), ratio, "DeepSpeed", "cos_min_ratio " + Values.show(ratio) + " below 0"
          + " makes DeepSpeed clamp its cosine at 0 (max(0, …)) from the update where it crosses 0, which Anneal's cosine phase"
          + " cannot express; write 0, which gives the same curve until then and a decay to 0"));
      return Double.NaN;
    }
    return ratio;
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.WARMUP_COSINE_LR;
  }

  @Override
  public Map<String, Schedule> channels() {
    List<Phase> ratios = new ArrayList<>(List.of(WarmupLrScheduler.construction(0.0), warmup.phase()));
    if (totalSteps > warmup.steps()) {
      ratios.add(new Phase(new Shifted(new Cosine(1.0, cosMinRatio), 1), totalSteps - warmup.steps()));
    }
    ratios.add(new Phase(new Constant(cosMinRatio), Phase.OPEN));
    // cos_min_ratio for ever from total_num_steps on: the end is declared there.
    return Map.of(Plan.LR, SettledEnd.settled(new Scaled(lr, new Sequence(ratios))));
  }

  @Override
  public OptionalDouble optimizerLr() {
    return OptionalDouble.of(lr);
  }

  /** The WarmupCosineLR {@code lr} reproduces, or {@code null}. */
  static WarmupCosineLrScheduler recognise(Schedule lr) {
    if (!(lr instanceof Scaled scaled) || !(scaled.schedule() instanceof Sequence sequence)) {
      return null;
    }
    List<Phase> phases = sequence.phases();
    if (phases.size() < 3 || phases.size() > 4) {
      return null;
    }
    Warmup warmup = Warmup.of(phases.get(1));
    Phase last = phases.get(phases.size() - 1);
    if (warmup == null || warmup.to() != 1.0 || !WarmupLrScheduler.startsAt(phases.get(0), 0.0) || !last.isOpen()
        || !(last.shape() instanceof Constant floor)) {
      return null;
    }
    if (phases.size() == 3) {
      return new WarmupCosineLrScheduler(scaled.factor(), warmup, warmup.steps(), floor.value());
    }
    Phase decay = phases.get(2);
    boolean matches = decay.shape() instanceof Shifted shifted && shifted.by() == 1 && shifted.inner() instanceof Cosine cosine
        && cosine.from() == 1.0 && cosine.to() == floor.value() && cosine.cycles() == Cosine.HALF_PERIOD;
    return matches ? new WarmupCosineLrScheduler(scaled.factor(), warmup, warmup.steps() + decay.steps(), floor.value()) : null;
  }

  @Override
  public void writeParams(ObjectNode params) {
    params.put("total_num_steps", totalSteps);
    params.set("warmup_min_ratio", Decimals.of(warmup.from()));
    params.put("warmup_num_steps", warmup.steps());
    params.set("cos_min_ratio", Decimals.of(cosMinRatio));
    params.put("warmup_type", warmup.type().upstreamName());
  }
}
