package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles one transformers {@code lr_lambda} as relative phases, and the quirk warnings that go
 * with it, into a {@link TransformersPreset}. Phases of length 0 are left out: upstream's branch for
 * them is never taken.
 */
final class LambdaBuilder {
  /** The path of the argument responsible for warnings about the learning rate itself. */
  static final String LEARNING_RATE = "learning_rate";

  private final String function;
  private final double learningRate;
  private final List<Phase> phases = new ArrayList<>();
  private final List<Violation> warnings = new ArrayList<>();
  private String zeroPath = "";
  private String zeroCause = "the schedule starts at 0";

  LambdaBuilder(String function, double learningRate) {
    this.function = function;
    this.learningRate = learningRate;
  }

  /**
   * The warm-up every schedule but WSD shares: {@code float(step) / float(max(1, num_warmup_steps))}
   * while {@code step < num_warmup_steps}, a straight line from 0 that reaches 1 where the next
   * phase begins.
   */
  LambdaBuilder linearWarmup(long numWarmupSteps) {
    zeroCause("num_warmup_steps", "the linear warm-up starts at 0");
    return then(new Linear(0, 1), numWarmupSteps);
  }

  /** The next phase, unless it lasts 0 steps. */
  LambdaBuilder then(Shape shape, long steps) {
    if (steps > 0) {
      phases.add(new Phase(shape, steps));
    }
    return this;
  }

  /** Which argument to blame if the first update runs at a learning rate of 0, and why it does. */
  LambdaBuilder zeroCause(String path, String cause) {
    zeroPath = path;
    zeroCause = cause;
    return this;
  }

  LambdaBuilder warn(Violation warning) {
    warnings.add(warning);
    return this;
  }

  /**
   * Warns, if the warm-up does not end before {@code num_training_steps}, what upstream does after
   * it ({@code after}, e.g. "is 0"); if {@code num_training_steps} is below 1, that instead, as the
   * likelier mistake.
   */
  LambdaBuilder warnWarmupNotBeforeTotal(long numWarmupSteps, long numTrainingSteps, String after) {
    if (numTrainingSteps < 1) {
      warn(TransformersCode.trainingStepsBelowOne("num_training_steps", numTrainingSteps, numWarmupSteps, after));
    } else if (numWarmupSteps >= numTrainingSteps) {
      warn(TransformersCode.warmupNotBeforeTotal("num_warmup_steps", numWarmupSteps, numTrainingSteps, after));
    }
    return this;
  }

  /** Warns that the cosine, whose formula carries on after the end, rises again past {@code step}. */
  LambdaBuilder warnRisesPastEnd(long step, long numTrainingSteps) {
    return warn(ConfigCode.risesPastEnd("num_training_steps", numTrainingSteps, step, "cosine"));
  }

  /** The preset: {@code learning_rate * lambda(step)}, and the warnings. */
  TransformersPreset build(AfterEnd afterEnd) {
    // A lambda that settles on a value it keeps (the constant after a warm-up) declares its end there.
    Scaled schedule = SettledEnd.settled(new Scaled(learningRate, new Sequence(phases, afterEnd)));
    List<Violation> all = new ArrayList<>();
    if (schedule.valueAt(0) == 0) {
      all.add(
          learningRate == 0
              ? RuleCode.firstUpdateAtZero(LEARNING_RATE, learningRate, "learning_rate is 0")
              : RuleCode.firstUpdateAtZero(zeroPath, 0.0, zeroCause));
    }
    all.addAll(warnings);
    return new TransformersPreset(function, schedule, all);
  }
}
