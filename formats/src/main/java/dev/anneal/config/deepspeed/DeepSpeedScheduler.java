package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.schedule.Schedule;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One DeepSpeed scheduler with every constructor argument made explicit, as DeepSpeed runs it
 * ({@code warmup_num_steps} already raised to 2, momentum cycling already decided by the
 * optimizer): the bridge between a ds_config's {@code scheduler} block and Anneal's schedules.
 * Each type reads its {@code params}, builds the channels that reproduce DeepSpeed update for
 * update, recognises those channels again, and writes its {@code params} back.
 */
sealed interface DeepSpeedScheduler
    permits RangeTestScheduler, OneCycleScheduler, WarmupLrScheduler, WarmupDecayLrScheduler, WarmupCosineLrScheduler {

  SchedulerType type();

  /**
   * The plan's channels: {@code lr}, and {@code momentum} where DeepSpeed cycles it (Adam's β1) or
   * where a OneCycle asks to cycle the momentum of an optimizer without betas, which keeps it.
   */
  Map<String, Schedule> channels();

  /** Writes every constructor argument into {@code params}, in constructor order. */
  void writeParams(ObjectNode params);

  /** The optimizer lr the curve depends on ({@code WarmupCosineLR} scales it), if it depends on one. */
  default OptionalDouble optimizerLr() {
    return OptionalDouble.empty();
  }

  /** The β1 DeepSpeed installs at construction, where the curve needs an optimizer with betas. */
  default OptionalDouble firstBeta1() {
    return OptionalDouble.empty();
  }

  /** The momentum of an optimizer without betas, where the plan's momentum channel is that optimizer's own. */
  default OptionalDouble optimizerMomentum() {
    return OptionalDouble.empty();
  }
}
