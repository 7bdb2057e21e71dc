package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.LinearGrowth;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
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
    // DeepSpeed checks no value: a minimum of 0 gives 0 for ever (a negative one, a negative lr, which no plan holds).
    double minLr = params.atLeastZero("lr_range_test_min_lr", DEFAULT_MIN_LR);
    long stepSize = params.integer("lr_range_test_step_size", DEFAULT_STEP_SIZE, 1);
    // DeepSpeed takes any rate: a negative one lowers the lr, through 0 and below.
    double stepRate = params.number("lr_range_test_step_rate", DEFAULT_STEP_RATE);
    boolean staircase = params.flag("lr_range_test_staircase", false);
    if (params.hasErrors()) {
      return null;
    }
    RangeTestScheduler test = new RangeTestScheduler(minLr, stepSize, stepRate, staircase);
    if (minLr == 0) {
      params.warn(RuleCode.firstUpdateAtZero(params.path("lr_range_test_min_lr"), 0.0, "lr_range_test_min_lr is 0, and the range test"
          + " only multiplies it, so every update uses 0"));
    }
    if (stepRate < 0 && minLr > 0) {
      long end = test.stepsAtOrAbove0();
      params.warn(DeepSpeedCode.decreasingRangeTest(params.path("lr_range_test_step_rate"), stepRate,
          ", and from step " + end + " (update " + (end + 1) + ") on it would be negative, which steps up the loss: the plan ends"
              + " there"));
    }
    return test;
  }

  private LinearGrowth growth() {
    return new LinearGrowth(minLr, stepRate, stepSize, staircase);
  }

  /**
   * With a negative rate, how many updates have a learning rate of at least 0 (the lr only falls);
   * the plan ends after them, as no plan holds a negative learning rate.
   */
  long stepsAtOrAbove0() {
    LinearGrowth growth = growth();
    long low = 0;
    long high = Long.MAX_VALUE / 2;
    while (low < high) {
      long middle = low + (high - low) / 2;
      if (growth.valueAt(middle, Phase.OPEN) >= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  @Override
  public SchedulerType type() {
    return SchedulerType.LR_RANGE_TEST;
  }

  @Override
  public Map<String, Schedule> channels() {
    if (stepRate < 0 && minLr > 0) {
      // Past the last update with a learning rate of at least 0 the plan refuses to go on (DeepSpeed would go negative).
      // The last of them is a one-step constant: a phase's range includes its formula at its own length, the first negative value.
      long steps = stepsAtOrAbove0();
      List<Phase> phases = new ArrayList<>();
      if (steps > 1) {
        phases.add(new Phase(growth(), steps - 1));
      }
      phases.add(new Phase(new Constant(growth().valueAt(steps - 1, Phase.OPEN)), 1));
      return Map.of(Plan.LR, new Sequence(phases, AfterEnd.FAIL));
    }
    return Map.of(Plan.LR, new Sequence(List.of(new Phase(growth(), Phase.OPEN))));
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
