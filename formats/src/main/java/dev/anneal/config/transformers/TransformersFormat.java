package dev.anneal.config.transformers;

import dev.anneal.config.Imported;
import dev.anneal.config.JsonConfigFormat;
import dev.anneal.config.JsonFields;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face transformers' learning-rate schedules as a config format ({@code --format
 * transformers}). A config is a JSON object with {@code learning_rate} and either
 *
 * <ul>
 *   <li>the scheduler fields of {@code TrainingArguments}: {@code lr_scheduler_type}, {@code
 *       warmup_steps}, {@code warmup_ratio}, {@code max_steps}, {@code lr_scheduler_kwargs}, read as
 *       {@code Trainer} and {@code get_scheduler} read them; with {@code max_steps} -1 the run's
 *       length is counted from {@code num_train_epochs} and Anneal's data figures {@code
 *       dataset_length} and {@code world_size}, as Trainer counts it ({@link TrainerLaunch}), or
 *   <li>a direct call of a schedule function: {@code {"function": "get_cosine_schedule_with_warmup",
 *       "kwargs": {…}}}.
 * </ul>
 *
 * The plan has one channel, {@code lr}. Unknown keys, wrong types, non-finite numbers and negative
 * lengths are errors at their JSON path; arguments upstream silently drops and its other quirks are
 * warnings. The other fields of a {@code TrainingArguments} dump are named in {@code IgnoredSetting}
 * notes with the reason they do not change the schedule ({@link TrainingArgumentsFields}). Either
 * form may say {@code "transformers_version": "4"} or {@code "5"} (the default): the versions feed
 * the same schedule functions differently (see {@code TransformersVersion}).
 */
public final class TransformersFormat extends JsonConfigFormat {
  /** The format's name on the command line. */
  public static final String NAME = "transformers";

  public TransformersFormat() {
    super(NAME);
  }

  /** {@code HfArgumentParser.parse_json_file} reads the arguments with {@code json.loads}: the last of a key given twice wins. */
  @Override
  protected String lastOfDuplicateKeysWinsIn() {
    return "transformers";
  }

  @Override
  protected Imported read(JsonFields root, Problems problems) {
    boolean call = root.has(FunctionCallReader.FUNCTION);
    // A direct call takes an optimizer built elsewhere; TrainingArguments name theirs.
    OptimizerSettings optimizer = call ? null : TrainingArgumentsOptimizer.read(root);
    TransformersPreset preset = call ? FunctionCallReader.read(root) : TrainingArgumentsReader.read(root);
    problems.throwIfErrors();
    if (preset == null) {
      throw new IllegalStateException("a transformers reader gave no schedule and no error");
    }
    Plan plan = preset.plan();
    List<Violation> warnings = new ArrayList<>(problems.warnings());
    for (Violation warning : plan.warnings()) {
      // The first update at 0 is already reported at the argument that causes it.
      if (warning.code() != RuleCode.FIRST_UPDATE_AT_ZERO) {
        warnings.add(warning);
      }
    }
    return new Imported(NAME, plan, warnings).withOptimizer(optimizer);
  }

  /**
   * Writes {@code plan} as the transformers config that reproduces it.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what transformers lacks
   */
  @Override
  public String write(Plan plan) {
    return TransformersWriter.write(plan);
  }
}
