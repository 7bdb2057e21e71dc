package dev.anneal.samples.training;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.anneal.builder.Schedules;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.runtime.Checkpoints;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Save, stop and resume: train {@code k} updates, save a checkpoint ({@code Checkpoints.save}: DJL's
 * parameters, and beside them the schedule's step, its definition and AdamW's moments), throw the
 * model and trainer away, then build fresh ones, restore the parameters and the schedule ({@code
 * Checkpoints.restore}) and finish the run. Every learning rate, weight decay and parameter of the
 * resumed run equals, bit for bit, those of a run that never stopped. Run with {@code [directory]}
 * for the checkpoint (default: a temporary directory).
 */
public final class SaveAndResume {
  /** The model's name, and so the checkpoint's: {@code digits-NNNN.params} and {@code .params.anneal}. */
  public static final String NAME = "digits";

  private SaveAndResume() {}

  /** Warm-up to 3e-3 over the first tenth of {@code steps}, cosine to 3e-5; weight decay 0.01. */
  public static Plan plan(long steps) {
    long warmup = steps / 10;
    return Plan.of(Schedules.linear(3e-5, 3e-3).over(warmup).then().cosineTo(3e-5).over(steps - warmup).build())
        .with(Plan.WEIGHT_DECAY, Schedules.constant(0.01).forever().build());
  }

  /** Trains all {@code steps} updates in one go. */
  public static Outcome uninterrupted(DigitsProblem problem, long steps) {
    ScheduledTraining schedule = ScheduledTraining.of(plan(steps));
    try (Model model = DigitsProblem.model(NAME, problem.mlp());
         Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(schedule).build(), schedule)) {
      Trace trace = TrainingLoop.run(trainer, schedule, problem, 0, steps);
      return new Outcome(trace, parameters(model));
    }
  }

  /**
   * Trains {@code stopAt} updates and saves in {@code directory}; then, in a fresh model and trainer,
   * restores the checkpoint and trains the remaining updates.
   */
  public static Outcome stoppedAndResumed(DigitsProblem problem, long steps, long stopAt, Path directory) throws IOException {
    Trace first;
    ScheduledTraining schedule = ScheduledTraining.of(plan(steps));
    try (Model model = DigitsProblem.model(NAME, problem.mlp());
         Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(schedule).build(), schedule)) {
      first = TrainingLoop.run(trainer, schedule, problem, 0, stopAt);
      Checkpoints.save(trainer, schedule, directory, NAME);
    }

    // A new process would start here: nothing of the first part is reused but the files.
    try (Model model = DigitsProblem.model(NAME, problem.mlp())) {
      ScheduledTraining resumed = ScheduledTraining.of(plan(steps)); // the same plan; any change is refused
      // The newest digits-NNNN.params: its parameters into the model (refused if not the ones the sidecar sealed, or
      // of other shapes than the model's), its Anneal state into the schedule.
      Checkpoints.restore(model, resumed, Checkpoints.latest(directory, NAME), ResumePolicy.FAIL_ON_DIFFERENCE);
      try (Trainer trainer = problem.trainer(model, ScheduledAdam.adamW(resumed).build(), resumed)) { // keeps the loaded parameters
        Trace rest = TrainingLoop.run(trainer, resumed, problem, stopAt, steps);
        return new Outcome(first.then(rest), parameters(model));
      }
    }
  }

  /** Every parameter's values, by DJL's name. */
  static Map<String, float[]> parameters(Model model) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
      values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
    }
    return values;
  }

  /**
   * A finished run.
   *
   * @param trace the values and losses of every update
   * @param parameters the final parameters, by name
   */
  public record Outcome(Trace trace, Map<String, float[]> parameters) {
    public Outcome {
      Map<String, float[]> copies = new LinkedHashMap<>();
      parameters.forEach((name, values) -> copies.put(name, values.clone()));
      parameters = Collections.unmodifiableMap(copies);
    }

    /** Whether every parameter equals {@code other}'s exactly. */
    public boolean sameParameters(Outcome other) {
      return parameters.keySet().equals(other.parameters.keySet())
          && parameters.keySet().stream().allMatch(name -> Arrays.equals(parameters.get(name), other.parameters.get(name)));
    }
  }

  public static void main(String[] args) throws IOException {
    DigitsProblem problem = DigitsProblem.load();
    long steps = 120;
    long stopAt = 50;
    Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("anneal-resume");
    Outcome resumed = stoppedAndResumed(problem, steps, stopAt, directory);
    Outcome straight = uninterrupted(problem, steps);
    System.out.printf(Locale.ROOT, "checkpoint after %d of %d updates in %s%n", stopAt, steps, directory);
    System.out.printf(Locale.ROOT, "lr at the resume step %.6e (uninterrupted %.6e)%n",
        resumed.trace().value(stopAt, 0, Plan.LR), straight.trace().value(stopAt, 0, Plan.LR));
    System.out.println(resumed.sameParameters(straight)
        ? "final parameters: identical to the uninterrupted run's"
        : "final parameters: DIFFER from the uninterrupted run's");
  }
}
