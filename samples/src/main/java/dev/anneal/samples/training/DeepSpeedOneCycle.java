package dev.anneal.samples.training;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.util.Locale;

/**
 * DeepSpeed's {@code OneCycle} with momentum, from a {@code ds_config.json}, on DJL: the learning
 * rate climbs from {@code cycle_min_lr} to {@code cycle_max_lr} and back, then decays; with an
 * optimizer that has betas (AdamW here) DeepSpeed cycles β1 the other way, from {@code
 * cycle_max_mom} down to {@code cycle_min_mom} and back. Anneal's AdamW applies the learning rate
 * and β1 of every update as DeepSpeed would, including its quirks (the reader warns about each:
 * the first update uses {@code cycle_min_mom}; OneCycle forces β2 to 0.99). Run with {@code
 * [ds_config.json]} (default: the {@code training/ds_config.json} the samples ship with).
 */
public final class DeepSpeedOneCycle {
  /** The config the samples ship with. */
  public static final String CONFIG = "/training/ds_config.json";

  /** The β2 DeepSpeed's OneCycle sets with every β1, whatever the optimizer's {@code betas} say. */
  public static final float ONE_CYCLE_BETA2 = 0.99f;

  private DeepSpeedOneCycle() {}

  /**
   * The plan of {@code dsConfig}: channels {@code lr} and, for an optimizer with betas, {@code momentum} (β1).
   *
   * @throws dev.anneal.rules.InvalidScheduleException listing every error, each at its JSON path
   */
  public static Imported read(String dsConfig) {
    return Formats.byName("deepspeed").read(dsConfig);
  }

  /**
   * The optimizer's constant weight decay, {@code optimizer.params.weight_decay} (0 if absent, as
   * torch's default): DeepSpeed's schedulers leave it alone, so the plan does not carry it; the
   * reader keeps it with the rest of the config's optimizer.
   */
  static float weightDecay(Imported imported) {
    return imported.optimizer().flatMap(optimizer -> optimizer.setting(OptimizerSettings.WEIGHT_DECAY))
        .map(setting -> (float) setting.value()).orElse(0f);
  }

  /** Trains for {@code steps} updates of the plan with AdamW. */
  public static Trace run(DigitsProblem problem, Plan plan, float weightDecay, long steps) {
    ScheduledTraining schedule = ScheduledTraining.of(plan);
    ScheduledAdam adamW = ScheduledAdam.adamW(schedule)
        .optBeta2(ONE_CYCLE_BETA2)
        .optWeightDecays(weightDecay)
        .build();
    try (Model model = DigitsProblem.model("deepspeed-one-cycle", problem.mlp());
         Trainer trainer = problem.trainer(model, adamW, schedule)) {
      return TrainingLoop.run(trainer, schedule, problem, 0, steps);
    }
  }

  public static void main(String[] args) {
    String config = ConfigFiles.text(args, CONFIG);
    Imported imported = read(config);
    for (Violation warning : imported.warnings()) {
      System.out.println((warning.severity() == Severity.NOTE ? "note: " : "warning: ") + warning);
    }
    long steps = 400;
    Trace trace = run(DigitsProblem.load(), imported.plan(), weightDecay(imported), steps);
    for (long step : new long[] {0, 1, 75, 150, 225, 300, 399}) {
      System.out.printf(Locale.ROOT, "step %3d  lr %.4e  beta1 %.4f%n", step, trace.value(step, 0, Plan.LR), trace.value(step, 0, Plan.MOMENTUM));
    }
    System.out.printf(Locale.ROOT, "loss %.4f -> %.4f%n", trace.meanLoss(20, false), trace.meanLoss(20, true));
  }
}
