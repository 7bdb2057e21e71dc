package dev.anneal.samples.training;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.Trainer;
import dev.anneal.builder.Schedules;
import dev.anneal.runtime.ParameterGroup;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.Locale;
import java.util.Map;

/**
 * GPT-style training: AdamW with a linear warm-up over the first tenth of the run to a peak
 * learning rate, then a cosine down to a tenth of the peak, and weight decay 0.1 on the weight
 * matrices only: biases and layer-norm gains and shifts are in a group without weight decay, as
 * GPT-2/3 and nanoGPT train; β2 0.95 as GPT-3. Run with {@code [steps]} (default 900, about 20 passes over the digits).
 */
public final class GptAdamW {
  /** The peak learning rate. */
  public static final double PEAK_LR = 3e-3;

  /** The weight decay of the weight matrices. */
  public static final double WEIGHT_DECAY = 0.1;

  /** The group of the weight matrices. */
  public static final String DECAY = "decay";

  /** The group of the biases and norms. */
  public static final String NO_DECAY = "no_decay";

  private GptAdamW() {}

  /**
   * The plan of a run of {@code steps} updates: warm-up from {@code PEAK_LR / 100} over {@code
   * steps / 10} updates, cosine to {@code PEAK_LR / 10} over the rest; weight decay constant.
   */
  public static Plan plan(long steps) {
    long warmup = steps / 10;
    Schedule lr = Schedules.linear(PEAK_LR / 100, PEAK_LR).over(warmup).then().cosineTo(PEAK_LR / 10).over(steps - warmup).build();
    return Plan.of(lr).with(Plan.WEIGHT_DECAY, Schedules.constant(WEIGHT_DECAY).forever().build());
  }

  /**
   * The groups: DJL names parameters after their block ({@code 01Linear_weight}, {@code
   * 02LayerNorm_gamma}, {@code 03Linear_bias}); every one must fall in exactly one group.
   */
  public static ScheduledTraining schedule(long steps) {
    Plan plan = plan(steps);
    return ScheduledTraining.builder()
        .addGroup(ParameterGroup.of(DECAY, "glob:*Linear_weight", plan))
        .addGroup(ParameterGroup.scaled(NO_DECAY, "regex:.*(_bias|LayerNorm_gamma|LayerNorm_beta)", plan, Map.of(Plan.WEIGHT_DECAY, 0.0)))
        .build();
  }

  /** A pre-norm block, the shape of a transformer's feed-forward: linear, layer norm, GELU, linear. */
  static Block block(DigitsProblem problem) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(64).build())
        .add(LayerNorm.builder().build())
        .add(Activation.geluBlock())
        .add(Linear.builder().setUnits(problem.classes()).build());
  }

  /** Trains for {@code steps} updates; returns what was applied and the held-out accuracy. */
  public static Result run(DigitsProblem problem, long steps) {
    ScheduledTraining schedule = schedule(steps);
    try (Model model = DigitsProblem.model("gpt-adamw", block(problem));
         Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(schedule).optBeta2(0.95f).build(), schedule)) {
      Trace trace = TrainingLoop.run(trainer, schedule, problem, 0, steps);
      return new Result(trace, problem.heldOutAccuracy(trainer));
    }
  }

  /**
   * A finished run.
   *
   * @param trace the values and losses of every update
   * @param heldOutAccuracy the fraction of held-out digits classified correctly
   */
  public record Result(Trace trace, double heldOutAccuracy) {}

  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 900;
    Result result = run(DigitsProblem.load(), steps);
    Trace trace = result.trace();
    for (long step : new long[] {0, steps / 10, steps / 2, steps - 1}) {
      System.out.printf(Locale.ROOT, "step %5d  lr %.3e  weight decay: %s %.2f, %s %.2f%n", step, trace.value(step, 0, Plan.LR),
          DECAY, trace.value(step, 0, Plan.WEIGHT_DECAY), NO_DECAY, trace.value(step, 1, Plan.WEIGHT_DECAY));
    }
    System.out.printf(Locale.ROOT, "loss %.4f -> %.4f, held-out accuracy %.1f%%%n",
        trace.meanLoss(20, false), trace.meanLoss(20, true), 100 * result.heldOutAccuracy());
  }
}
