package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.InverseTimeDecay;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.PostCycleMomentum;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.StairCycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * DeepSpeed's {@code OneCycle}: one triangular cycle of {@code first + second} steps (optionally in
 * stairs), then the post-cycle phase, for ever. The learning rate is the cycle from {@code
 * cycle_min_lr} up to {@code cycle_max_lr} and back, then {@code cycle_min_lr / (1 +
 * decay_lr_rate * t / decay_step_size)} (or {@code cycle_min_lr} held, when either is 0). Where
 * DeepSpeed cycles momentum (an optimizer with betas and {@code cycle_momentum}), β1 mirrors it
 * from {@code cycle_max_mom} down to {@code cycle_min_mom} and back, then grows as {@code
 * cycle_max_mom * (1 + decay_mom_rate * t / decay_step_size)} — except the first update, which
 * uses {@code cycle_min_mom}, the value the constructor installs. Where {@code cycle_momentum} asks
 * for cycling but the optimizer has no betas (SGD), DeepSpeed warns and leaves the optimizer's own
 * momentum alone: the plan then carries that momentum, constant, when the optimizer block gives it.
 *
 * @param momentum whether β1 is cycled: {@code cycle_momentum} and an optimizer with betas
 * @param keptMomentum the {@code momentum} of an optimizer without betas that {@code cycle_momentum}
 *     asked to cycle, which DeepSpeed keeps on every update; empty otherwise
 */
record OneCycleScheduler(
    double minLr,
    double maxLr,
    double decayLrRate,
    long firstStepSize,
    long secondStepSize,
    long firstStairCount,
    long secondStairCount,
    long decayStepSize,
    boolean momentum,
    double minMom,
    double maxMom,
    double decayMomRate,
    OptionalDouble keptMomentum)
    implements DeepSpeedScheduler {

  static final long DEFAULT_STEP_SIZE = 2000;
  static final double DEFAULT_MIN_MOM = 0.8;
  static final double DEFAULT_MAX_MOM = 0.9;
  /** The β2 OneCycle installs with every β1 it sets. */
  static final double FORCED_BETA2 = 0.99;

  private static final List<String> MOMENTUM_KEYS = List.of("cycle_min_mom", "cycle_max_mom", "decay_mom_rate");

  static OneCycleScheduler read(SchedulerParams params) {
    double minLr = params.require("cycle_min_lr") ? params.atLeastZero("cycle_min_lr", Double.NaN) : Double.NaN;
    double maxLr = params.require("cycle_max_lr") ? params.atLeastZero("cycle_max_lr", Double.NaN) : Double.NaN;
    if (minLr > maxLr) {
      params.warn(DeepSpeedCode.boundsReversed(params.path("cycle_min_lr"), "cycle_min_lr", minLr, "cycle_max_lr", maxLr,
          "DeepSpeed runs the cycle upside down (the lr dips from cycle_min_lr to cycle_max_lr and back, then keeps cycle_min_lr);"
              + " swap them for a peak"));
    }
    double decayLrRate = params.atLeastZero("decay_lr_rate", 0.0);
    long first = params.integer("cycle_first_step_size", DEFAULT_STEP_SIZE, 1);
    // _initialize_cycle refuses only a negative second half: 0 is a ramp and an instant drop.
    long second = params.integer("cycle_second_step_size", first, 0);
    // DeepSpeed draws stairs only for a count above 0 (its command line's default is -1): any other count means none.
    long firstStairs = Math.max(0, params.integer("cycle_first_stair_count", 0, Long.MIN_VALUE));
    long secondStairs = Math.max(0, params.integer("cycle_second_stair_count", firstStairs, Long.MIN_VALUE));
    long decayStepSize = params.integer("decay_step_size", 0, 0);
    boolean requested = params.flag("cycle_momentum", true);
    double minMom = params.momentum("cycle_min_mom", DEFAULT_MIN_MOM);
    double maxMom = params.momentum("cycle_max_mom", DEFAULT_MAX_MOM);
    if (minMom > maxMom && requested) {
      params.warn(DeepSpeedCode.boundsReversed(params.path("cycle_min_mom"), "cycle_min_mom", minMom, "cycle_max_mom", maxMom,
          "where it cycles β1, DeepSpeed runs that cycle upside down too (β1 rises from cycle_max_mom to cycle_min_mom while the lr"
              + " moves the other way); swap them"));
    }
    double decayMomRate = params.atLeastZero("decay_mom_rate", 0.0);
    Optimizer optimizer = params.optimizer();
    if (requested && params.optimizerAbsent()) {
      params.error(ConfigCode.missingKey(Optimizer.PATH, "'optimizer' (OneCycle cycles β1 only for an optimizer with betas: give the"
          + " optimizer block, or set cycle_momentum to false)"));
    }
    if (params.hasErrors()) {
      return null;
    }
    boolean momentum = requested && optimizer.hasBetas();
    OptionalDouble kept = requested && !momentum ? optimizer.momentum() : OptionalDouble.empty();
    OneCycleScheduler cycle = new OneCycleScheduler(minLr, maxLr, decayLrRate, first, second, firstStairs, secondStairs, decayStepSize,
        momentum, minMom, maxMom, decayMomRate, kept);
    cycle.warn(params, requested);
    return cycle;
  }

  /** The quirks of this configuration a user would not expect, as warnings at the keys concerned. */
  private void warn(SchedulerParams params, boolean requested) {
    Optimizer optimizer = params.optimizer();
    if (minLr == 0) {
      params.warn(RuleCode.firstUpdateAtZero(params.path("cycle_min_lr"), 0.0, "OneCycle starts at cycle_min_lr, which is 0"));
    }
    if (requested && !momentum) {
      params.warn(DeepSpeedCode.momentumCyclingIgnored(params.path("cycle_momentum"), optimizer.type(),
          optimizer.describeMomentum()));
    }
    if (!requested) {
      for (String key : MOMENTUM_KEYS) {
        if (params.has(key)) {
          params.warn(ConfigCode.ignoredArgument(params.path(key), null, key, "OneCycle with cycle_momentum false"));
        }
      }
    }
    if (momentum) {
      if (!params.has("cycle_momentum")) {
        params.warn(DeepSpeedCode.hiddenDefault(params.path("cycle_momentum"), null, "cycle_momentum",
            "true: β1 cycles from cycle_max_mom (" + Values.show(maxMom) + ") " + (minMom > maxMom ? "up" : "down") + " to cycle_min_mom ("
                + Values.show(minMom) + ") and back"));
      }
      params.warn(DeepSpeedCode.firstBeta1AtMin(params.path("cycle_min_mom"), minMom, momentumSchedule().valueAt(1), maxMom));
      OptionalDouble beta2 = optimizer.beta2();
      if (beta2.isEmpty() || beta2.getAsDouble() != FORCED_BETA2) {
        params.warn(DeepSpeedCode.beta2Forced("optimizer.params.betas", beta2.isPresent() ? beta2.getAsDouble() : null,
            beta2.isPresent() ? Values.show(beta2.getAsDouble()) : "0.999 unless given"));
      }
      if (decaysMomentum()) {
        PostCycleMomentum growth = (PostCycleMomentum) momentumTail();
        long last = growth.lastStepAtMostOne(Phase.OPEN);
        if (last >= 0) {
          long step = cycleSteps() + last;
          params.warn(RuleCode.beta1AboveOne(params.path("decay_mom_rate"), decayMomRate, step,
              "DeepSpeed's post-cycle momentum decay multiplies cycle_max_mom (" + Values.show(maxMom) + ") by 1 + decay_mom_rate * t /"
                  + " decay_step_size, so β1 grows (" + Values.show(growth.valueAt(last + 1, Phase.OPEN)) + " at step " + (step + 1)
                  + ")", "set decay_mom_rate to 0 to hold cycle_max_mom"));
        }
      } else if (decayMomRate != 0) {
        params.warn(DeepSpeedCode.decaySkipped(params.path("decay_mom_rate"), "decay_mom_rate", decayMomRate));
      }
    }
    if (decayLrRate != 0 && decayStepSize == 0) {
      params.warn(DeepSpeedCode.decaySkipped(params.path("decay_lr_rate"), "decay_lr_rate", decayLrRate));
    }
    if (decayStepSize != 0 && !decaysLr() && !decaysMomentum()) {
      params.warn(ConfigCode.ignoredArgument(params.path("decay_step_size"), decayStepSize, "decay_step_size",
          "OneCycle while decay_lr_rate" + (momentum ? " and decay_mom_rate are 0" : " is 0")));
    }
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.ONE_CYCLE;
  }

  /** The length of the cycle, {@code cycle_first_step_size + cycle_second_step_size}. */
  long cycleSteps() {
    return firstStepSize + secondStepSize;
  }

  private boolean decaysLr() {
    return decayStepSize != 0 && decayLrRate != 0;
  }

  private boolean decaysMomentum() {
    return momentum && decayStepSize != 0 && decayMomRate != 0;
  }

  /**
   * The cycle from {@code base} towards {@code max} and back ({@code mirrored}: from {@code max}
   * towards {@code base}). DeepSpeed checks neither order: an inverted pair is built as the other
   * orientation with the bounds swapped, which is the same value to the bit ({@code b + (m - b) * s
   * == m - (m - b') * s} with {@code b' = b}, as IEEE subtraction is antisymmetric) and keeps the
   * model's cycle shapes, which want {@code base <= max}. A zero-length second half (DeepSpeed
   * refuses only a negative one) leaves only the rising half inside the phase, which is the rising
   * half of a cycle with any second half: one as long as the first is used.
   */
  private Shape cycle(double base, double max, boolean mirrored) {
    if (base > max) {
      return cycle(max, base, !mirrored);
    }
    long down = secondStepSize == 0 ? firstStepSize : secondStepSize;
    if (firstStairCount == 0 && secondStairCount == 0) {
      return new Cyclic(base, max, firstStepSize, down, Cyclic.Mode.TRIANGULAR, 1.0, mirrored);
    }
    return new StairCycle(base, max, firstStepSize, down, firstStairCount, secondStairCount, mirrored);
  }

  /**
   * The learning rate: the cycle for its {@code first + second} steps (its formula at step {@code
   * first + second} is {@code cycle_min_lr}, where the tail starts too), then the tail.
   */
  private Schedule lrSchedule() {
    Shape tail = decaysLr() ? new InverseTimeDecay(minLr, decayLrRate, decayStepSize) : new Constant(minLr);
    return new Sequence(List.of(new Phase(cycle(minLr, maxLr, false), cycleSteps()), new Phase(tail, Phase.OPEN)));
  }

  private Shape momentumTail() {
    return decaysMomentum() ? new PostCycleMomentum(maxMom, decayMomRate, decayStepSize) : new Constant(maxMom);
  }

  /**
   * β1: {@code cycle_min_mom} for the first update (set at construction), then the mirrored cycle
   * from its second step on (hence shifted by one), then the tail.
   */
  private Schedule momentumSchedule() {
    List<Phase> phases = new ArrayList<>(List.of(new Phase(new Constant(minMom), 1)));
    if (cycleSteps() > 1) {
      phases.add(new Phase(new Shifted(cycle(minMom, maxMom, true), 1), cycleSteps() - 1));
    }
    phases.add(new Phase(momentumTail(), Phase.OPEN));
    return new Sequence(phases);
  }

  @Override
  public Map<String, Schedule> channels() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    // Without a post-cycle decay the cycle ends on values held for ever: the end is declared there.
    channels.put(Plan.LR, SettledEnd.settled(lrSchedule()));
    if (momentum) {
      channels.put(Plan.MOMENTUM, SettledEnd.settled(momentumSchedule()));
    } else if (keptMomentum.isPresent()) {
      channels.put(Plan.MOMENTUM, new Sequence(List.of(new Phase(new Constant(keptMomentum.getAsDouble()), Phase.OPEN))));
    }
    return channels;
  }

  @Override
  public OptionalDouble firstBeta1() {
    return momentum ? OptionalDouble.of(minMom) : OptionalDouble.empty();
  }

  @Override
  public OptionalDouble optimizerMomentum() {
    return keptMomentum;
  }

  /**
   * The one-cycle schedule {@code lr} (and {@code momentum}, or {@code null}) reproduce, or {@code
   * null}. A constant momentum is the one an optimizer without betas keeps while {@code
   * cycle_momentum} asks in vain to cycle it: the only OneCycle whose plan carries it.
   */
  static OneCycleScheduler recognise(Schedule lr, Schedule momentum) {
    if (!(lr instanceof Sequence lrs) || lrs.phases().size() != 2) {
      return null;
    }
    Cycle cycle = Cycle.of(lrs.phases().get(0).shape(), false);
    Phase lrTail = lrs.phases().get(1);
    if (cycle == null || lrs.phases().get(0).steps() != cycle.up + cycle.down || !lrTail.isOpen()) {
      return null;
    }
    double decayLrRate;
    long decayStepSize;
    if (lrTail.shape() instanceof Constant constant && constant.value() == cycle.base) {
      decayLrRate = 0;
      decayStepSize = 0;
    } else if (lrTail.shape() instanceof InverseTimeDecay decay && decay.from() == cycle.base && decay.rate() > 0) {
      decayLrRate = decay.rate();
      decayStepSize = decay.every();
    } else {
      return null;
    }
    OptionalDouble kept = momentum == null ? OptionalDouble.empty() : DeepSpeedWriter.constantValue(momentum);
    if (momentum == null || kept.isPresent()) {
      return new OneCycleScheduler(cycle.base, cycle.max, decayLrRate, cycle.up, cycle.down, cycle.upStairs, cycle.downStairs,
          decayStepSize, false, DEFAULT_MIN_MOM, DEFAULT_MAX_MOM, 0, kept);
    }
    if (!(momentum instanceof Sequence moms) || moms.phases().size() != 3) {
      return null;
    }
    List<Phase> phases = moms.phases();
    Cycle mirrored = phases.get(1).shape() instanceof Shifted shifted && shifted.by() == 1 ? Cycle.of(shifted.inner(), true) : null;
    if (mirrored == null || !mirrored.sameTiming(cycle) || phases.get(1).steps() != cycle.up + cycle.down - 1
        || !(phases.get(0).shape() instanceof Constant first) || phases.get(0).steps() != 1 || first.value() != mirrored.base
        || !phases.get(2).isOpen()) {
      return null;
    }
    double decayMomRate;
    if (phases.get(2).shape() instanceof Constant constant && constant.value() == mirrored.max) {
      decayMomRate = 0;
    } else if (phases.get(2).shape() instanceof PostCycleMomentum growth && growth.from() == mirrored.max && growth.rate() > 0
        && (decayStepSize == 0 || decayStepSize == growth.every())) {
      decayMomRate = growth.rate();
      decayStepSize = growth.every();
    } else {
      return null;
    }
    return new OneCycleScheduler(cycle.base, cycle.max, decayLrRate, cycle.up, cycle.down, cycle.upStairs, cycle.downStairs,
        decayStepSize, true, mirrored.base, mirrored.max, decayMomRate, OptionalDouble.empty());
  }

  /** The cycle of a {@link Cyclic} (one triangular cycle) or {@link StairCycle} phase. */
  private record Cycle(double base, double max, long up, long down, long upStairs, long downStairs) {
    static Cycle of(Shape shape, boolean mirrored) {
      if (shape instanceof Cyclic cyclic && cyclic.mode() == Cyclic.Mode.TRIANGULAR && cyclic.mirrored() == mirrored) {
        return new Cycle(cyclic.base(), cyclic.max(), cyclic.up(), cyclic.down(), 0, 0);
      }
      if (shape instanceof StairCycle stairs && stairs.mirrored() == mirrored) {
        return new Cycle(stairs.base(), stairs.max(), stairs.up(), stairs.down(), stairs.upStairs(), stairs.downStairs());
      }
      return null;
    }

    boolean sameTiming(Cycle other) {
      return up == other.up && down == other.down && upStairs == other.upStairs && downStairs == other.downStairs;
    }
  }

  @Override
  public void writeParams(ObjectNode params) {
    params.set("cycle_min_lr", Decimals.of(minLr));
    params.set("cycle_max_lr", Decimals.of(maxLr));
    params.set("decay_lr_rate", Decimals.of(decayLrRate));
    params.put("cycle_first_step_size", firstStepSize);
    params.put("cycle_second_step_size", secondStepSize);
    params.put("cycle_first_stair_count", firstStairCount);
    params.put("cycle_second_stair_count", secondStairCount);
    params.put("decay_step_size", decayStepSize);
    // Asked in vain where the plan carries the kept momentum: reading it back gives that channel again.
    params.put("cycle_momentum", momentum || keptMomentum.isPresent());
    if (momentum) {
      params.set("cycle_min_mom", Decimals.of(minMom));
      params.set("cycle_max_mom", Decimals.of(maxMom));
      params.set("decay_mom_rate", Decimals.of(decayMomRate));
    }
  }
}
