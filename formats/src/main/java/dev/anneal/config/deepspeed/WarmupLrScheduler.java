package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Map;

/**
 * DeepSpeed's {@code WarmupLR}: {@code warmup_min_lr} for the first update (set at construction),
 * then the warm-up evaluated at iterations 0, 1, … (so {@code warmup_min_lr} again for the second
 * update), then {@code warmup_min_lr + (warmup_max_lr - warmup_min_lr)} for ever.
 */
record WarmupLrScheduler(Warmup warmup) implements DeepSpeedScheduler {
  static WarmupLrScheduler read(SchedulerParams params) {
    double min = params.atLeastZero("warmup_min_lr", 0.0);
    double max;
    String maxName = "warmup_max_lr";
    if (params.has("warmup_max_lr")) {
      max = params.atLeastZero("warmup_max_lr", Double.NaN);
    } else {
      max = params.optimizerLr("WarmupLR warms up to the optimizer's lr when warmup_max_lr is absent");
      maxName = "the optimizer's lr";
      if (!Double.isNaN(max)) {
        params.warn(DeepSpeedCode.hiddenDefault(params.path("warmup_max_lr"), max, "warmup_max_lr", "the optimizer's lr (" + Values.show(max) + ")"));
      }
    }
    long steps = params.warmupSteps();
    WarmupType type = params.warmupType(steps);
    checkBounds(params, min, maxName, max, "holds it");
    if (params.hasErrors()) {
      return null;
    }
    warnFirstUpdates(params, min);
    return new WarmupLrScheduler(new Warmup(min, max, steps, type));
  }

  /**
   * A {@code warmup_min_lr} above the value it warms up to: DeepSpeed checks nothing and warms down
   * (and {@code WarmupDecayLR} "decays" back up to {@code warmup_min_lr}), so this is a warning.
   *
   * @param after what follows the warm-up, in words
   */
  static void checkBounds(SchedulerParams params, double min, String maxName, double max, String after) {
    if (min > max) {
      params.warn(DeepSpeedCode.boundsReversed(params.path("warmup_min_lr"), "warmup_min_lr", min, maxName, max,
          "DeepSpeed warms down from warmup_min_lr to " + Values.show(max) + ", then " + after + "; swap them for a warm-up"));
    }
  }

  /** The first two updates of the WarmupLR family both use {@code warmup_min_lr}. */
  static void warnFirstUpdates(SchedulerParams params, double min) {
    params.warn(DeepSpeedCode.twoUpdatesAtWarmupMin(params.path("warmup_min_lr"), min));
    if (min == 0) {
      params.warn(RuleCode.firstUpdateAtZero(params.path("warmup_min_lr"), 0.0, "warmup_min_lr is 0"));
    }
  }

  /** The first phase of the family: the value installed at construction, used by the first update. */
  static Phase construction(double value) {
    return new Phase(new Constant(value), 1);
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.WARMUP_LR;
  }

  /** The value after the warm-up, as DeepSpeed computes it ({@code min + delta * 1.0}, not always {@code max} to the bit). */
  private double peak() {
    return warmup.from() + (warmup.to() - warmup.from());
  }

  @Override
  public Map<String, Schedule> channels() {
    // The warm-up ends on the peak, held for ever: the end is declared there.
    return Map.of(Plan.LR, SettledEnd.settled(
        new Sequence(List.of(construction(warmup.from()), warmup.phase(), new Phase(new Constant(peak()), Phase.OPEN)))));
  }

  /** The WarmupLR {@code lr} reproduces, or {@code null}. */
  static WarmupLrScheduler recognise(Schedule lr) {
    if (!(lr instanceof Sequence sequence) || sequence.phases().size() != 3) {
      return null;
    }
    List<Phase> phases = sequence.phases();
    Warmup warmup = Warmup.of(phases.get(1));
    if (warmup == null || !startsAt(phases.get(0), warmup.from()) || !phases.get(2).isOpen()
        || !(phases.get(2).shape() instanceof Constant after)) {
      return null;
    }
    WarmupLrScheduler scheduler = new WarmupLrScheduler(warmup);
    // A builder's plan holds warmup_max_lr itself; DeepSpeed's min + (max - min) may differ from it in the last bit.
    return after.value() == scheduler.peak() || after.value() == warmup.to() ? scheduler : null;
  }

  /** Whether {@code phase} is the one-update phase at {@code value} that the family starts with. */
  static boolean startsAt(Phase phase, double value) {
    return phase.steps() == 1 && phase.shape() instanceof Constant constant && constant.value() == value;
  }

  @Override
  public void writeParams(ObjectNode params) {
    params.set("warmup_min_lr", Decimals.of(warmup.from()));
    params.set("warmup_max_lr", Decimals.of(warmup.to()));
    params.put("warmup_num_steps", warmup.steps());
    params.put("warmup_type", warmup.type().upstreamName());
  }
}
