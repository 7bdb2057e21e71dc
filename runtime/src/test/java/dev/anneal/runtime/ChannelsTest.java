package dev.anneal.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.anneal.builder.Schedules;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The momentum (β1) and weight-decay channels, checked against the closed-form update rules: the
 * run's parameters are compared, step by step, with a double-precision replay of the rule fed the
 * run's own gradients and the plan's values. The same replay with every value taken one step late
 * (an off-by-one step mapping) must miss by far more than the tolerance, so the check can tell.
 */
class ChannelsTest {
  static final int STEPS = 100;
  static final double TOLERANCE = 2e-6;

  /** An ε large enough that where it enters the update shows. */
  static final float LARGE_EPS = 1e-3f;

  /** DeepSpeed-style OneCycle: lr 0.01 → 0.1 → 0.01 and momentum 0.95 → 0.85 → 0.95, linear, 50 + 50 steps. */
  static Plan oneCycleWithMomentum() {
    Schedule lr = Schedules.linear(0.01, 0.1).over(50).then().linearTo(0.01).over(50).build();
    Schedule momentum = Schedules.linear(0.95, 0.85).over(50).then().linearTo(0.95).over(50).build();
    return Plan.of(lr).with(Plan.MOMENTUM, momentum);
  }

  /** Megatron-style weight-decay increment: 0 → 0.1 linearly over the run, constant lr 0.05. */
  static Plan weightDecayRamp() {
    return Plan.of(Schedules.constant(0.05).forever().build()).with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.1).over(STEPS).build());
  }

  /** AdamW with β1 cycling and a weight-decay ramp. */
  static Plan adamWithBeta1AndDecay() {
    return Plan.of(Schedules.linear(0.001, 0.02).over(STEPS).build())
        .with(Plan.MOMENTUM, Schedules.linear(0.95, 0.85).over(50).then().linearTo(0.95).over(50).build())
        .with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.2).over(STEPS).build());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("sgd one-cycle with momentum", oneCycleWithMomentum(), (Function<ScheduledTraining, Optimizer>) s -> ScheduledSgd.builder(s).build(), Rule.SGD),
        Arguments.of("sgd weight-decay ramp", weightDecayRamp(), (Function<ScheduledTraining, Optimizer>) s -> ScheduledSgd.builder(s).build(), Rule.SGD),
        Arguments.of("sgd one-cycle with momentum, PyTorch form", oneCycleWithMomentum(), PYTORCH_SGD, Rule.SGD_PYTORCH),
        Arguments.of("sgd weight-decay ramp, PyTorch form", weightDecayRamp(), PYTORCH_SGD, Rule.SGD_PYTORCH),
        Arguments.of("sgd one-cycle with momentum and a weight-decay ramp, PyTorch form",
            oneCycleWithMomentum().with(Plan.WEIGHT_DECAY, Schedules.linear(0.0, 0.1).over(STEPS).build()), PYTORCH_SGD, Rule.SGD_PYTORCH),
        Arguments.of("adamw beta1 and weight decay", adamWithBeta1AndDecay(), (Function<ScheduledTraining, Optimizer>) s -> ScheduledAdam.adamW(s).build(), Rule.ADAMW),
        Arguments.of("adamw beta1 and weight decay, PyTorch's eps", adamWithBeta1AndDecay(), PYTORCH_EPS_ADAMW, Rule.ADAMW_PYTORCH));
  }

  /** A large ε, so that where it enters shows: AdamW with ε added after the bias correction, as torch does. */
  static final Function<ScheduledTraining, Optimizer> PYTORCH_EPS_ADAMW =
      s -> ScheduledAdam.adamW(s).optEpsilon(LARGE_EPS).optEpsilonForm(ScheduledAdam.EpsilonForm.PYTORCH).build();


  static final Function<ScheduledTraining, Optimizer> PYTORCH_SGD =
      s -> ScheduledSgd.builder(s).optMomentumForm(ScheduledSgd.MomentumForm.PYTORCH).build();

  /**
   * The update rules: DJL's SGD (lr folded into the buffer), PyTorch's SGD (lr applied to the
   * buffer), AdamW in DJL's form (ε 1e-8 added to √v) and in torch's (ε {@link #LARGE_EPS} added to √v̂).
   */
  enum Rule { SGD, SGD_PYTORCH, ADAMW, ADAMW_PYTORCH }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parametersFollowTheClosedFormRule(String name, Plan plan, Function<ScheduledTraining, Optimizer> optimizer, Rule rule) {
    Run run = train(plan, optimizer);
    double exact = replay(plan, 0, rule, run.parameters(), run.gradients());
    double late = replay(plan, 1, rule, run.parameters(), run.gradients());
    assertTrue(exact <= TOLERANCE, name + ": the run departs from the rule by " + exact);
    assertTrue(late > 20 * TOLERANCE, name + ": an off-by-one mapping departs only by " + late);
  }

  /**
   * With momentum and a changing learning rate the two SGD forms take different paths: the PyTorch
   * form is not DJL's under another name, and a run moved from PyTorch needs it.
   */
  @Test
  void thePyTorchFormDepartsFromDjlsWhenTheLearningRateChanges() {
    Plan plan = oneCycleWithMomentum();
    Run run = train(plan, PYTORCH_SGD);
    double asDjl = replay(plan, 0, Rule.SGD, run.parameters(), run.gradients());
    assertTrue(asDjl > 20 * TOLERANCE, "the PyTorch-form run is within " + asDjl + " of DJL's rule");
  }

  /** ε's place matters: DJL's form with the same large ε departs from torch's rule. */
  @Test
  void pyTorchsEpsilonIsNotDjlsUnderAnotherName() {
    Plan plan = adamWithBeta1AndDecay();
    Run run = train(plan, s -> ScheduledAdam.adamW(s).optEpsilon(LARGE_EPS).build());
    double asTorch = replay(plan, 0, Rule.ADAMW_PYTORCH, run.parameters(), run.gradients());
    assertTrue(asTorch > 20 * TOLERANCE, "DJL's form with eps " + LARGE_EPS + " is within " + asTorch + " of torch's rule");
  }

  /** The parameters before and after every step of a run, and the gradient of every step. */
  record Run(List<Map<String, float[]>> parameters, List<Map<String, float[]>> gradients) {}

  static Run train(Plan plan, Function<ScheduledTraining, Optimizer> optimizer) {
    ScheduledTraining schedule = ScheduledTraining.of(plan);
    List<Map<String, float[]>> gradients = new ArrayList<>();
    List<Map<String, float[]>> parameters = new ArrayList<>();
    try (Model model = Tiny.model(Tiny.linear()); Trainer trainer = Tiny.trainer(model, optimizer.apply(schedule), schedule)) {
      Tiny.setParameters(model);
      parameters.add(Tiny.parameters(model));
      for (int step = 0; step < STEPS; step++) {
        Tiny.backward(trainer, step);
        gradients.add(Tiny.gradients(model));
        trainer.step();
        schedule.endStep();
        parameters.add(Tiny.parameters(model));
      }
    }
    return new Run(parameters, gradients);
  }

  /** The largest distance between the run and the rule replayed with values taken {@code shift} steps late. */
  static double replay(Plan plan, int shift, Rule rule, List<Map<String, float[]>> run, List<Map<String, float[]>> gradients) {
    double worst = 0;
    for (String name : run.get(0).keySet()) {
      int size = run.get(0).get(name).length;
      for (int i = 0; i < size; i++) {
        double w = run.get(0).get(name)[i];
        double m = 0;
        double v = 0;
        for (int step = 0; step < gradients.size(); step++) {
          double g = gradients.get(step).get(name)[i];
          double lr = value(plan, Plan.LR, step + shift, 0);
          boolean adam = rule == Rule.ADAMW || rule == Rule.ADAMW_PYTORCH;
          double momentum = value(plan, Plan.MOMENTUM, step + shift, adam ? 0.9 : 0);
          double decay = value(plan, Plan.WEIGHT_DECAY, step + shift, 0);
          if (rule == Rule.SGD) {
            m = momentum * m + lr * (g + decay * w);
            w -= m;
          } else if (rule == Rule.SGD_PYTORCH) {
            m = momentum * m + (g + decay * w);
            w -= lr * m;
          } else if (rule == Rule.ADAMW) {
            double beta2 = 0.999;
            long t = step + 1;
            w -= lr * decay * w;
            m = momentum * m + (1 - momentum) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            w -= lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(momentum, t)) * m / (Math.sqrt(v) + 1e-8);
          } else {
            // torch.optim.AdamW: m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), w ← w − lr·m̂ / (√v̂ + ε).
            double beta2 = 0.999;
            long t = step + 1;
            w -= lr * decay * w;
            m = momentum * m + (1 - momentum) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double mHat = m / (1 - Math.pow(momentum, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            w -= lr * mHat / (Math.sqrt(vHat) + LARGE_EPS);
          }
          worst = Math.max(worst, Math.abs(w - run.get(step + 1).get(name)[i]));
        }
      }
    }
    return worst;
  }

  static double value(Plan plan, String channel, long step, double otherwise) {
    return plan.findChannel(channel).map(schedule -> (double) (float) schedule.valueAt(step)).orElse(otherwise);
  }
}
