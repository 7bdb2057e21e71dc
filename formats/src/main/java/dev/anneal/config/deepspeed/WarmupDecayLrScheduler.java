package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DeepSpeed's {@code WarmupDecayLR}: {@link WarmupLrScheduler}'s first update and warm-up, then a
 * linear decay computed from the iterations that remain, {@code min + (max - min) * (total - k) /
 * (total - warmup)}, reaching {@code warmup_min_lr} at iteration {@code total_num_steps} and
 * holding it after. Where the total is not above the warm-up there is no decay: the lr drops to
 * {@code warmup_min_lr} right after the warm-up.
 *
 * @param totalSteps {@code total_num_steps}; the writer writes at least the warm-up's length
 *     (every shorter total gives the same curve)
 */
record WarmupDecayLrScheduler(Warmup warmup, long totalSteps) implements DeepSpeedScheduler {
  /** WarmupDecayLR's own default for {@code warmup_max_lr}; WarmupLR uses the optimizer's lr instead. */
  static final double DEFAULT_MAX_LR = 0.001;

  static WarmupDecayLrScheduler read(SchedulerParams params) {
    long total = params.require("total_num_steps") ? params.integer("total_num_steps", 1, 1) : 1;
    double min = params.atLeastZero("warmup_min_lr", 0.0);
    double max = params.atLeastZero("warmup_max_lr", DEFAULT_MAX_LR);
    if (!params.has("warmup_max_lr")) {
      String optimizerLr = params.optimizer() != null && params.optimizer().lr().isPresent()
          ? ", not the optimizer's lr " + Values.show(params.optimizer().lr().getAsDouble()) : "";
      params.warn(DeepSpeedCode.hiddenDefault(params.path("warmup_max_lr"), DEFAULT_MAX_LR, "warmup_max_lr",
          Values.show(DEFAULT_MAX_LR) + " (WarmupDecayLR's own default" + optimizerLr + ")"));
    }
    long steps = params.warmupSteps();
    WarmupType type = params.warmupType(steps);
    WarmupLrScheduler.checkBounds(params, min, "warmup_max_lr", max, "rises back to warmup_min_lr by total_num_steps (the decay moves"
        + " towards warmup_min_lr)");
    if (params.hasErrors()) {
      return null;
    }
    WarmupLrScheduler.warnFirstUpdates(params, min);
    if (total < steps) {
      params.warn(DeepSpeedCode.totalBelowWarmup(params.path("total_num_steps"), total, steps,
          "warmup_min_lr (" + Values.show(min) + ")"));
    }
    return new WarmupDecayLrScheduler(new Warmup(min, max, steps, type), total);
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.WARMUP_DECAY_LR;
  }

  @Override
  public Map<String, Schedule> channels() {
    List<Phase> phases = new ArrayList<>(List.of(WarmupLrScheduler.construction(warmup.from()), warmup.phase()));
    if (totalSteps > warmup.steps()) {
      phases.add(new Phase(new Reversed(new Linear(warmup.from(), warmup.to())), totalSteps - warmup.steps()));
    }
    // max(0, (total - k) / …) is 0 from iteration total_num_steps on: min + (max - min) * 0 = min.
    phases.add(new Phase(new Constant(warmup.from()), Phase.OPEN));
    // warmup_min_lr for ever from total_num_steps on: the end is declared there.
    return Map.of(Plan.LR, SettledEnd.settled(new Sequence(phases)));
  }

  /** The WarmupDecayLR {@code lr} reproduces, or {@code null}. */
  static WarmupDecayLrScheduler recognise(Schedule lr) {
    if (!(lr instanceof Sequence sequence) || sequence.phases().size() < 3 || sequence.phases().size() > 4) {
      return null;
    }
    List<Phase> phases = sequence.phases();
    Warmup warmup = Warmup.of(phases.get(1));
    Phase last = phases.get(phases.size() - 1);
    if (warmup == null || !WarmupLrScheduler.startsAt(phases.get(0), warmup.from()) || !last.isOpen()
        || !(last.shape() instanceof Constant floor) || floor.value() != warmup.from()) {
      return null;
    }
    if (phases.size() == 3) {
      return new WarmupDecayLrScheduler(warmup, warmup.steps());
    }
    Phase decay = phases.get(2);
    boolean matches = decay.shape() instanceof Reversed reversed && reversed.inner() instanceof Linear linear
        && linear.from() == warmup.from() && linear.to() == warmup.to();
    return matches ? new WarmupDecayLrScheduler(warmup, warmup.steps() + decay.steps()) : null;
  }

  @Override
  public void writeParams(ObjectNode params) {
    params.put("total_num_steps", totalSteps);
    params.set("warmup_min_lr", Decimals.of(warmup.from()));
    params.set("warmup_max_lr", Decimals.of(warmup.to()));
    params.put("warmup_num_steps", warmup.steps());
    params.put("warmup_type", warmup.type().upstreamName());
  }
}
