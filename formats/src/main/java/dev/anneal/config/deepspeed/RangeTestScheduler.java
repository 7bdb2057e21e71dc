package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.schedule.LinearGrowth;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Map;

/**
 * DeepSpeed's {@code LRRangeTest}: {@code lr = lr_range_test_min_lr * (1 + lr_range_test_step_rate
 * * k)} with {@code k = t / lr_range_test_step_size} (or its floor, with {@code
 * lr_range_test_staircase}), from the first update on and for ever: one open {@link LinearGrowth}
 * phase. The constructor's value at construction equals the formula at step 0, so there is no
 * offset here.
 */
record RangeTestScheduler(double minLr, long stepSize, double stepRate, boolean staircase) implements DeepSpeedScheduler {
  static final double DEFAULT_MIN_LR = 1e-3;
  static final long DEFAULT_STEP_SIZE = 2000;
  static final double DEFAULT_STEP_RATE = 1.0;

  static RangeTestScheduler read(SchedulerParams params) {
    double minLr = params.positive("lr_range_test_min_lr", DEFAULT_MIN_LR);
    long stepSize = params.integer("lr_range_test_step_size", DEFAULT_STEP_SIZE, 1);
    double stepRate = params.atLeastZero("lr_range_test_step_rate", DEFAULT_STEP_RATE);
    boolean staircase = params.flag("lr_range_test_staircase", false);
    return params.hasErrors() ? null : new RangeTestScheduler(minLr, stepSize, stepRate, staircase);
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.LR_RANGE_TEST;
  }

  @Override
  public Map<String, Schedule> channels() {
    return Map.of(Plan.LR, new Sequence(List.of(new Phase(new LinearGrowth(minLr, stepRate, stepSize, staircase), Phase.OPEN))));
  }

  /** The range test {@code lr} reproduces, or {@code null}. */
  static RangeTestScheduler recognise(Schedule lr) {
    if (lr instanceof Sequence sequence && sequence.phases().size() == 1) {
      Phase only = sequence.phases().get(0);
      if (only.isOpen() && only.shape() instanceof LinearGrowth growth && growth.from() > 0 && growth.rate() >= 0) {
        return new RangeTestScheduler(growth.from(), growth.every(), growth.rate(), growth.staircase());
      }
    }
    return null;
  }

  @Override
  public void writeParams(ObjectNode params) {
    params.set("lr_range_test_min_lr", Decimals.of(minLr));
    params.put("lr_range_test_step_size", stepSize);
    params.set("lr_range_test_step_rate", Decimals.of(stepRate));
    params.put("lr_range_test_staircase", staircase);
  }
}
