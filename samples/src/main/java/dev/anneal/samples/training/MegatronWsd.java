package dev.anneal.samples.training;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.ParameterGroup;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.util.Locale;
import java.util.Map;

/**
 * A Megatron-LM launch with a warmup-stable-decay (WSD) learning rate and a rising weight decay,
 * replayed on DJL: the scheduler flags of the launch script are read as Megatron reads them
 * ({@code Formats.byName("megatron")}), and Anneal's AdamW applies both channels at every update,
 * the values Megatron's {@code OptimizerParamScheduler} would give. As Megatron does by default,
 * biases are exempt from weight decay. Run with {@code [flags-file]} (default: the {@code
 * training/megatron-wsd.sh} the samples ship with).
 */
public final class MegatronWsd {
  /** The launch script the samples ship with. */
  public static final String FLAGS = "/training/megatron-wsd.sh";

  private MegatronWsd() {}

  /**
   * The plan of {@code flags}: channels {@code lr} and {@code weight_decay}, indexed by iteration.
   *
   * @throws dev.anneal.rules.InvalidScheduleException listing every error, each at its flag and line
   */
  public static Imported read(String flags) {
    return Formats.byName("megatron").read(flags);
  }

  /**
   * Megatron's parameter groups: weight decay on the weight matrices; biases (and norms, which this
   * network lacks) with weight decay × 0, the same learning rate.
   */
  public static ScheduledTraining schedule(Plan plan) {
    return ScheduledTraining.builder()
        .addGroup(ParameterGroup.of("weights", "glob:*_weight", plan))
        .addGroup(ParameterGroup.scaled("biases", "glob:*_bias", plan, Map.of(Plan.WEIGHT_DECAY, 0.0)))
        .build();
  }

  /** Trains for {@code steps} iterations of the plan. */
  public static Trace run(DigitsProblem problem, Plan plan, long steps) {
    ScheduledTraining schedule = schedule(plan);
    // Megatron's Adam is AdamW (decoupled weight decay) with β2 = --adam-beta2, 0.999 by default.
    try (Model model = DigitsProblem.model("megatron-wsd", problem.mlp());
         Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(schedule).build(), schedule)) {
      return TrainingLoop.run(trainer, schedule, problem, 0, steps);
    }
  }

  public static void main(String[] args) {
    Imported imported = read(ConfigFiles.text(args, FLAGS));
    for (Violation warning : imported.warnings()) {
      // "note: " for a flag named as ignored, "warning: " for an upstream quirk.
      System.out.println(warning.severity().name().toLowerCase(Locale.ROOT) + ": " + warning);
    }
    // --train-iters: the end the learning rate declares (its last phase ends there)
    long steps = imported.plan().lr().declaredEnd().orElse(400);
    Trace trace = run(DigitsProblem.load(), imported.plan(), steps);
    for (long step : new long[] {0, steps / 20, steps / 10, steps / 2, steps - steps / 8, steps - 1}) {
      System.out.printf(Locale.ROOT, "iteration %3d  lr %.4e  weight decay %.4f%n",
          step, trace.value(step, 0, Plan.LR), trace.value(step, 0, Plan.WEIGHT_DECAY));
    }
    System.out.printf(Locale.ROOT, "loss %.4f -> %.4f%n", trace.meanLoss(20, false), trace.meanLoss(20, true));
  }
}
