package dev.anneal.cli;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.util.List;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum CliCode implements DiagnosticCode {
  AMBIGUOUS_FORMAT(Severity.ERROR, "the config fits more than one format: {candidates}; add {choices} to say which"),
  UNDETECTED_FORMAT(Severity.ERROR, "cannot tell the config's format from {source}; add {flag} NAME, where NAME is one of {formats}"),
  DETECTED_FORMAT(Severity.NOTE, "read as {format}, from {evidence}; add {flag} NAME to read it as another format"),
  FORMAT_WITHOUT_CONFIG(Severity.ERROR, "--format is the format of --config, but no --config is given; add --config FILE or leave --format out"),
  TARGET_WITHOUT_DATA(Severity.ERROR, "--target names a column of --data, but no --data is given; add --data FILE.csv or leave --target out"),
  LENGTH_GIVEN_TWICE(Severity.ERROR, "--epochs ({epochs}) and --steps ({steps}) both set the length of training; give one"),
  UNWRITABLE_FILE(Severity.ERROR, "cannot write {file}: {reason}"),
  EMPTY_DATA_FILE(Severity.ERROR, "the file is empty; expected a header line naming the columns, then one example per line"),
  DUPLICATE_COLUMN(Severity.ERROR, "column '{column}' is named twice in the header (columns {first} and {second}); give each column its own name"),
  NO_FEATURE_COLUMNS(Severity.ERROR, "the header names {columns} column; the data needs feature columns besides the target"),
  ROW_LENGTH(Severity.ERROR, "the row has {fields} fields but the header has {columns} (a field may not hold a comma, even in quotes)"),
  MORE_PROBLEMS(Severity.ERROR, "{count} more problems in this file are not shown; fix the ones above first"),
  NOT_ENOUGH_DATA(Severity.ERROR, "the data has {rows} rows; training and a held-out fifth need at least {minimum}"),
  ONE_CLASS(Severity.ERROR, "column {column} holds one class ('{label}'); a classifier needs at least 2"),
  TOO_MANY_CLASSES(Severity.ERROR, "column {column} holds {classes} distinct values in {rows} rows, too many for class labels (at most {most}: two rows per class); anneal trains a classifier: choose a column of class labels with --target"),
  OPTIMIZER_NOT_APPLIED(Severity.ERROR, "anneal train cannot apply {setting}: {reason}; {fix}"),
  RUN_STOPS_BEFORE_END(Severity.WARNING, "the run stops in {phase} at update {updates} of {end}, so the rest of the plan never runs; {fix}"),
  RUN_PASSES_END(Severity.WARNING, "the run takes {updates} updates, {past} past the plan's declared end ({end}): after it {afterEnd}; {fix}"),
  TOO_FEW_METRICS(Severity.ERROR, "{read} metrics read, but steps 0 to {lastStep} need {needed} (the value at step i has seen the metrics of lines 1 to i; after the last metric a plateau phase would stop reacting); add {missing} to the file, or pass --steps {steps}"),
  OUTPUT_IS_FOLDER(Severity.ERROR, "{file} is a folder, where {flag} would write a file; {fix}"),
  OUTPUT_FOLDER_MISSING(Severity.ERROR, "{file} needs the folder {folder}, which does not exist; create it first or choose another {flag}"),
  OUTPUT_UNDER_FILE(Severity.ERROR, "{file} lies under {blocker}, which is a file, not a folder; choose another {flag}"),
  OUTPUT_FOLDER_READ_ONLY(Severity.ERROR, "cannot create {file}: the folder {folder} is not writable; make it writable or choose another {flag}"),
  CHANNEL_LEFT_OUT(Severity.NOTE, "left out, as --channel names {kept}: the converted config does not hold this channel ({values}); set it another way, or add it to --channel"),
  CHANNEL_NOT_CONVERTIBLE(Severity.ERROR, "{format} cannot hold this channel ({values}), so the plan cannot be converted whole; add --channel {kept} to convert the other channels, and set {channel} another way"),
  RESUME_WITHOUT_CHECKPOINT_DIR(Severity.ERROR, "--resume without a FILE resumes from the newest checkpoint in --checkpoint-dir, but no --checkpoint-dir is given; add --checkpoint-dir DIR, or name the checkpoint: --resume FILE"),
  NO_CHECKPOINT(Severity.ERROR, "no complete checkpoint to resume in {directory} (no {pattern} file with its .anneal sidecar); train once with --checkpoint-dir {directory} to save one, or leave out --resume"),
  RESUMED_PLAN_CHANGED(Severity.ERROR, "this run's plan differs from the checkpoint's ({differences} listed above); add --resume-policy USE_CHECKPOINT to go on with the checkpoint's plan, USE_NEW to apply this run's plan from the resume step on, CONTINUE_FROM_CURRENT_VALUE to scale each changed channel to the value the run had reached, or REFIT_TO_NEW_END to fit the checkpoint's plan to this run's end"),
  RESUME_POLICY_WITHOUT_RESUME(Severity.ERROR, "--resume-policy {policy} says what a resumed run does, but this run does not resume; add --resume, or leave out --resume-policy"),
  CONFIG_GIVEN_TWICE(Severity.ERROR, "both {label} ({file}) and --config-text give the config; pass the file or the inline text, not both"),
  RAMP_WITH_CONFIG(Severity.ERROR, "{flag} ({value}) sets the exponential ramp, but --config replaces the ramp with its lr channel; leave {flag} out, or --config"),
  OPTION_WITHOUT_WRITE_CONFIG(Severity.ERROR, "{flag} ({value}) shapes the config --write-config writes, but no --write-config is given; add --write-config FILE or leave {flag} out"),
  CYCLE_BOUNDS_REVERSED(Severity.ERROR, "cycle_min_lr {minLr} (--min-fraction {minFraction} × the lowest-loss learning rate {lowestLossLr}) exceeds cycle_max_lr {maxLr} (--max-fraction {maxFraction} × the last learning rate before divergence {lastLr}), so DeepSpeed would run the cycle upside down; lower --min-fraction or raise --max-fraction"),
  EPOCH_LENGTH_DIFFERS(Severity.ERROR, "the config's epochs are {planUpdates} updates, but an epoch of anneal train is {trainUpdates} ({rows} training rows in batches of {batch}), so the config's per-epoch values would change mid-epoch; {fix}"),
  TRAINING_ARGS_NEED_DEEPSPEED(Severity.ERROR, "--training-args fill the \"auto\" values of a DeepSpeed config, but {flag} names {format}; give the ds_config and leave {flag} out or set it to deepspeed, or leave --training-args out"),
  LOG_FORMAT_UNDETECTED(Severity.ERROR, "cannot tell the log's format from its name or its first line; add --log-format NAME, where NAME is one of {formats}"),
  EMPTY_LOG(Severity.ERROR, "the log holds no learning rate: {why}; audit compares logged values with the config's curve, so it needs at least one"),
  NO_LOG_COLUMN(Severity.ERROR, "no {kind} column among {columns}; name it {names}, or pass {flag} NAME"),
  AMBIGUOUS_LOG_COLUMN(Severity.ERROR, "{columns} could each be the {kind} column; pass {flag} NAME to say which"),
  BAD_LOG_VALUE(Severity.ERROR, "{field} is {found}; expected {expected}"),
  LOG_STEPS_OUT_OF_ORDER(Severity.ERROR, "step {step} comes after step {previous}; audit needs each step once, in increasing order: if the step counter restarted at a resume, audit one run's rows at a time, or number the steps on"),
  PLATEAU_WITHOUT_METRICS(Severity.WARNING, "channel {channel} has a plateau phase, whose value follows the metric the run reported; without --metrics audit compares with a curve that never reduces it, so each reduction in the log reads as a fault; pass the run's metrics with --metrics FILE, one per update"),
  TOO_FEW_AUDIT_METRICS(Severity.ERROR, "{read} metrics read, but the log reaches step {lastStep}, whose value has seen {needed} (line i is the metric reported after update i); after the last metric the plateau would stop reacting, so give the run's metrics up to that step"),
  AXIS_NOT_IN_TEXT_CHART(Severity.WARNING, "the text chart counts steps, so {flag} {unit} is not drawn; write a picture with --out FILE.png or FILE.svg to draw the x axis in {unit}"),
  MALFORMED_LENGTH(Severity.ERROR, "{length} is not a length: {why}; give N updates, or AMOUNT[K|M|B|T]:UNIT with UNIT updates, epochs, samples or tokens (375M:tokens, 2.5:epochs, 1.2B:samples), where K, M, B, T are exact powers of 1000"),
  UNIT_WITHOUT_CONFIG(Severity.ERROR, "{flag} {length} is given in {unit}, which anneal train converts to updates by the config's run geometry, but no --config is given; give {flag} in updates or --epochs N, or add --config FILE with a \"geometry\""),
  LENGTH_IN_UNITS(Severity.NOTE, "{flag} {length} is {updates} updates by the config's run geometry: the first count of updates that reaches {amount} {unit} (they consume {reached} {unit}; docs/units.md)"),
  BAD_REPLAN_OPTION(Severity.ERROR, "{flag} takes {form}, two whole numbers of updates joined by a colon, not '{value}'; e.g. {flag} {example}"),
  REPLAN_GIVEN_TWICE(Severity.ERROR, "--replan ({replan}) and --decay-now ({decayNow}) each re-plan the run; give one"),
  REPLAN_NOT_IN_JSON(Severity.ERROR, "{flag} sets the old plan beside the re-planned one as text, which the --json document has no field for; leave out --json or {flag}"),
  KEEP_CHECKPOINTS_BELOW_ONE(Severity.ERROR, "--keep-checkpoints ({count}) must be at least 1: it keeps the N newest checkpoints, and the newest is the one a --resume goes on from; give 1 or more, or leave it out to keep every checkpoint"),
  KEEP_CHECKPOINTS_WITHOUT_CHECKPOINT_DIR(Severity.ERROR, "--keep-checkpoints {count} says how many checkpoints of --checkpoint-dir to keep, but no --checkpoint-dir is given, so none are saved; add --checkpoint-dir DIR, or leave out --keep-checkpoints");

  private final MessageSpec spec;

  CliCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /**
   * @param path the option that names a format ({@code --format}, {@code --from})
   * @param candidates each fitting format with its evidence, {@code deepspeed (scheduler.params)}
   * @param choices each way to choose one, {@code --format deepspeed}, joined with "or"
   */
  public static Violation ambiguousFormat(String path, List<String> candidates, List<String> choices) {
    return AMBIGUOUS_FORMAT.violation(path, null, String.join(", ", candidates), String.join(" or ", choices));
  }

  /**
   * @param source what was looked at, in words ("its content or its name")
   * @param flag the option that names a format
   * @param formats the format names it accepts
   */
  public static Violation undetectedFormat(String source, String flag, List<String> formats) {
    return UNDETECTED_FORMAT.violation(flag, null, source, flag, String.join(", ", formats));
  }

  /**
   * @param evidence what gave the format away ("scheduler.params")
   * @param flag the option that would name another format
   */
  public static Violation detectedFormat(String format, String evidence, String flag) {
    return DETECTED_FORMAT.violation(flag, format, format, evidence, flag);
  }

  /** @param value the format {@code --format} names */
  public static Violation formatWithoutConfig(String value) {
    return FORMAT_WITHOUT_CONFIG.violation("--format", value);
  }

  /** @param value the column {@code --target} names */
  public static Violation targetWithoutData(String value) {
    return TARGET_WITHOUT_DATA.violation("--target", value);
  }

  /**
   * @param epochs {@code --epochs}
   * @param steps {@code --steps} as typed: updates, or a length in a unit
   */
  public static Violation lengthGivenTwice(long epochs, Object steps) {
    return LENGTH_GIVEN_TWICE.violation("--epochs", epochs, epochs, steps);
  }

  /**
   * @param value the file, kept for tools
   * @param file the file in words ("the file"), as the line already names it
   */
  public static Violation unwritableFile(String value, String file, String reason) {
    return UNWRITABLE_FILE.violation("", value, file, reason);
  }

  public static Violation emptyDataFile() {
    return EMPTY_DATA_FILE.violation("", null);
  }

  /**
   * @param path the header's line ({@code line 1})
   * @param first the column that first has the name, counting from 1; {@code second} the one that repeats it
   */
  public static Violation duplicateColumn(String path, String column, int first, int second) {
    return DUPLICATE_COLUMN.violation(path, column, column, first, second);
  }

  /**
   * @param path the line of the header, or where the columns were given
   * @param columns how many columns the header names (fewer than two)
   */
  public static Violation noFeatureColumns(String path, int columns) {
    return NO_FEATURE_COLUMNS.violation(path, columns, columns);
  }

  /**
   * @param fields how many fields the row has
   * @param columns how many columns the header names
   */
  public static Violation rowLength(String path, int fields, int columns) {
    return ROW_LENGTH.violation(path, fields, fields, columns);
  }

  /** @param count how many problems beyond those shown */
  public static Violation moreProblems(int count) {
    return MORE_PROBLEMS.violation("", count, count);
  }

  /** @param minimum the fewest rows a training run with a held-out part accepts */
  public static Violation notEnoughData(int rows, int minimum) {
    return NOT_ENOUGH_DATA.violation("", rows, rows, minimum);
  }

  /** @param label the one class the target column holds, quoted by the message */
  public static Violation oneClass(String column, String label) {
    return ONE_CLASS.violation("--target", column, column, label);
  }

  /**
   * @param classes how many distinct values the column holds
   * @param most the most classes {@code rows} rows allow
   */
  public static Violation tooManyClasses(String column, int classes, int rows, int most) {
    return TOO_MANY_CLASSES.violation("--target", column, column, classes, rows, most);
  }

  /**
   * @param value the setting's value, kept for tools
   * @param setting the setting as shown ("nesterov (true)", "optimizer 'Lamb'")
   * @param reason why Anneal's optimizer cannot do it
   * @param fix what to change instead
   */
  public static Violation optimizerNotApplied(String path, Object value, String setting, String reason, String fix) {
    return OPTIMIZER_NOT_APPLIED.violation(path, value, setting, reason, fix);
  }

  /**
   * @param path the option that set the run's length
   * @param phase where the run stops ("phase 0 (linear)")
   * @param updates the run's length in updates
   * @param end the plan's declared end
   * @param fix how to train the whole plan
   */
  public static Violation runStopsBeforeEnd(String path, String phase, long updates, long end, String fix) {
    return RUN_STOPS_BEFORE_END.violation(path, updates, phase, updates, end, fix);
  }

  /**
   * @param path the option that set the run's length
   * @param updates the run's length in updates
   * @param past how many updates beyond the plan's end
   * @param end the plan's declared end
   * @param afterEnd what the plan does after its end ("lr holds 0.01")
   * @param fix how to stop at the end
   */
  public static Violation runPassesEnd(String path, long updates, long past, long end, String afterEnd, String fix) {
    return RUN_PASSES_END.violation(path, updates, updates, past, end, afterEnd, fix);
  }

  /**
   * @param read how many metrics the file holds
   * @param lastStep the last step to draw
   * @param needed how many metrics the steps need
   * @param missing how many more lines the file needs, worded by the message ("1 more line")
   * @param steps the {@code --steps} the metrics read suffice for
   */
  public static Violation tooFewMetrics(int read, long lastStep, long needed, long missing, long steps) {
    return TOO_FEW_METRICS.violation("--metrics", read, read, lastStep, needed, missing == 1 ? "1 more line" : missing + " more lines", steps);
  }

  /**
   * @param flag the option that names the output ({@code --out}), the violation's path
   * @param file the output path, a folder
   * @param fix what to do instead ("give a file name ending in .png or .svg")
   */
  public static Violation outputIsFolder(String flag, String file, String fix) {
    return OUTPUT_IS_FOLDER.violation(flag, file, file, flag, fix);
  }

  /**
   * @param flag the option that names the output, the violation's path
   * @param file the output path
   * @param folder the folder it needs, which does not exist (Anneal creates none on the way)
   */
  public static Violation outputFolderMissing(String flag, String file, String folder) {
    return OUTPUT_FOLDER_MISSING.violation(flag, file, file, folder, flag);
  }

  /**
   * @param flag the option that names the output, the violation's path
   * @param file the output path
   * @param blocker the nearest existing path above it, a regular file
   */
  public static Violation outputUnderFile(String flag, String file, String blocker) {
    return OUTPUT_UNDER_FILE.violation(flag, file, file, blocker, flag);
  }

  /**
   * @param flag the option that names the output, the violation's path
   * @param file the output path
   * @param folder the folder it goes in, which the user may not write in
   */
  public static Violation outputFolderReadOnly(String flag, String file, String folder) {
    return OUTPUT_FOLDER_READ_ONLY.violation(flag, file, file, folder, flag);
  }

  /**
   * @param path the channel left out, whose name the note stands at
   * @param kept the channels {@code --channel} names
   * @param values the channel's values in words ("0.01 at every step")
   */
  public static Violation channelLeftOut(String path, List<String> kept, String values) {
    return CHANNEL_LEFT_OUT.violation(path, path, String.join(",", kept), values);
  }

  /**
   * @param channel the channel the target format cannot hold, at whose name the error stands
   * @param format the target format
   * @param values the channel's values in words ("0.01 at every step")
   * @param kept the channels that convert together, for {@code --channel}
   */
  public static Violation channelNotConvertible(String channel, String format, String values, List<String> kept) {
    return CHANNEL_NOT_CONVERTIBLE.violation(channel, channel, format, values, String.join(",", kept), channel);
  }

  public static Violation resumeWithoutCheckpointDir() {
    return RESUME_WITHOUT_CHECKPOINT_DIR.violation("--resume", null);
  }

  /**
   * @param directory the folder {@code --checkpoint-dir} names
   * @param pattern the name of the files looked for ({@code train-NNNN.params})
   */
  public static Violation noCheckpoint(String directory, String pattern) {
    return NO_CHECKPOINT.violation("--resume", directory, directory, pattern);
  }

  /** @param differences how many differences, worded by the caller ("1 difference") */
  public static Violation resumedPlanChanged(String differences) {
    return RESUMED_PLAN_CHANGED.violation("--resume-policy", null, differences);
  }

  /** @param policy the policy given, which nothing would apply */
  public static Violation resumePolicyWithoutResume(String policy) {
    return RESUME_POLICY_WITHOUT_RESUME.violation("--resume-policy", policy, policy);
  }

  /**
   * @param label how the command names the file it reads ({@code FILE}, {@code --config})
   * @param file the file given, kept as the value
   */
  public static Violation configGivenTwice(String label, String file) {
    return CONFIG_GIVEN_TWICE.violation("--config-text", file, label, file);
  }

  /**
   * @param flag the ramp's option given with {@code --config} ({@code --start-lr}, {@code --end-lr})
   * @param value its value
   */
  public static Violation rampWithConfig(String flag, double value) {
    return RAMP_WITH_CONFIG.violation(flag, value, flag, value);
  }

  /**
   * @param flag the option of the written config given without {@code --write-config}
   * @param value its value
   */
  public static Violation optionWithoutWriteConfig(String flag, Object value) {
    return OPTION_WITHOUT_WRITE_CONFIG.violation(flag, value, flag, value);
  }

  /**
   * @param minLr the cycle_min_lr the rule gives, {@code minFraction × lowestLossLr}
   * @param maxLr the cycle_max_lr the rule gives, {@code maxFraction × lastLr}, below {@code minLr}
   * @param lastLr the last learning rate of the range test before the loss started to diverge
   */
  public static Violation cycleBoundsReversed(String minLr, double minFraction, String lowestLossLr, String maxLr, double maxFraction,
      String lastLr) {
    return CYCLE_BOUNDS_REVERSED.violation("--min-fraction", minFraction, minLr, minFraction, lowestLossLr, maxLr, maxFraction, lastLr);
  }

  /**
   * @param planUpdates the updates per epoch the config's geometry or per-epoch cadence states
   * @param trainUpdates the updates per epoch of the train command: its training rows over its batch, rounded up
   * @param fix the --batch-size that gives the config's epochs, if one does, and the geometry that gives the command's
   */
  public static Violation epochLengthDiffers(long planUpdates, long trainUpdates, long rows, long batch, String fix) {
    return EPOCH_LENGTH_DIFFERS.violation("geometry.updates_per_epoch", planUpdates, planUpdates, trainUpdates, rows, batch, fix);
  }

  /**
   * @param flag the command's format option
   * @param format the other format it names
   */
  public static Violation trainingArgsNeedDeepspeed(String flag, String format) {
    return TRAINING_ARGS_NEED_DEEPSPEED.violation(flag, format, flag, format);
  }

  /**
   * @param formats the log formats {@code --log-format} takes
   */
  public static Violation logFormatUndetected(List<String> formats) {
    return LOG_FORMAT_UNDETECTED.violation("--log-format", null, String.join(", ", formats));
  }

  /**
   * @param path where the log was looked at ({@code line 2}, {@code log_history}), or empty for the whole file
   * @param why what the log holds instead ("the file is empty", "the header is followed by no rows")
   */
  public static Violation emptyLog(String path, String why) {
    return EMPTY_LOG.violation(path, null, why);
  }

  /**
   * @param path the header's line ({@code line 1}) or the JSON line whose keys were read
   * @param kind what the column holds ("step", "learning-rate")
   * @param columns the columns (or keys) there are, quoted by the message
   * @param names the names Anneal recognises, quoted by the message
   * @param flag the option that names the column ({@code --step-column}, {@code --lr-column})
   */
  public static Violation noLogColumn(String path, String kind, List<String> columns, List<String> names, String flag) {
    return NO_LOG_COLUMN.violation(path, null, kind, quoted(columns, "and"), quoted(names, "or"), flag);
  }

  /**
   * @param path the header's line or the JSON line whose keys were read
   * @param kind what the column holds ("step", "learning-rate")
   * @param columns the columns that fit, each quoted by the message
   * @param flag the option that names the column
   */
  public static Violation ambiguousLogColumn(String path, String kind, List<String> columns, String flag) {
    return AMBIGUOUS_LOG_COLUMN.violation(path, null, quoted(columns, "and"), kind, flag);
  }

  /**
   * @param path the line ({@code line 7}) or JSON path ({@code log_history[3].step}) of the value
   * @param value the value as written, kept for tools
   * @param field what the value is ("the step", "the learning rate")
   * @param found the value in words ("'1.5'", "missing")
   * @param expected what it should be ("a whole number of at least 0")
   */
  public static Violation badLogValue(String path, Object value, String field, String found, String expected) {
    return BAD_LOG_VALUE.violation(path, value, field, found, expected);
  }

  /**
   * @param path the line or JSON path of the out-of-order row
   * @param step the step it gives
   * @param previous the step of the row before it
   */
  public static Violation logStepsOutOfOrder(String path, long step, long previous) {
    return LOG_STEPS_OUT_OF_ORDER.violation(path, step, step, previous);
  }

  /** @param channel the config's channel audited, which has a plateau phase */
  public static Violation plateauWithoutMetrics(String channel) {
    return PLATEAU_WITHOUT_METRICS.violation("--metrics", null, channel);
  }

  /**
   * @param read how many metrics the file holds
   * @param lastStep the last logged step, in updates applied
   * @param needed how many metrics the value there has seen
   */
  public static Violation tooFewAuditMetrics(int read, long lastStep, long needed) {
    return TOO_FEW_AUDIT_METRICS.violation("--metrics", read, read, lastStep, needed);
  }

  /** {@code 'a', 'b' or 'c'} for {@code last} "or". */
  private static String quoted(List<String> names, String last) {
    List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
    if (quoted.size() <= 1) {
      return quoted.isEmpty() ? "no column" : quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " " + last + " " + quoted.get(quoted.size() - 1);
  }

  /**
   * {@code plot --x UNIT} with a text chart, whose columns are steps.
   *
   * @param flag the option, {@code --x}
   * @param unit the unit it asks for, e.g. {@code tokens}
   */
  public static Violation axisNotInTextChart(String flag, String unit) {
    return AXIS_NOT_IN_TEXT_CHART.violation(flag, unit, flag, unit);
  }

  /**
   * A {@code --steps} or {@code --step} value that is neither a count of updates nor a length in a unit.
   *
   * @param length the value as typed
   * @param why what is wrong with it
   */
  public static Violation malformedLength(String length, String why) {
    return MALFORMED_LENGTH.violation("", length, length, why);
  }

  /**
   * {@code anneal train}'s length in a unit with the built-in plan, which has no run geometry.
   *
   * @param flag the option, {@code --steps}
   * @param length its value, e.g. {@code 2:epochs}
   * @param unit the unit, e.g. {@code epochs}
   */
  public static Violation unitWithoutConfig(String flag, String length, String unit) {
    return UNIT_WITHOUT_CONFIG.violation(flag, length, flag, length, unit);
  }

  /**
   * What a length in a unit on the command line resolved to.
   *
   * @param flag the option, e.g. {@code --steps}
   * @param length its value as typed, e.g. {@code 375M:tokens}
   * @param updates the updates it resolved to, grouped
   * @param unit the unit
   * @param amount the amount in the unit, grouped
   * @param reached what the updates consume in the unit, grouped
   */
  public static Violation lengthInUnits(String flag, String length, String updates, String unit, String amount, String reached) {
    return LENGTH_IN_UNITS.violation(flag, length, flag, length, updates, amount, unit, reached);
  }

  /**
   * {@code flag}'s value is not {@code form} (e.g. {@code N:E}).
   *
   * @param example a value of that form
   */
  public static Violation badReplanOption(String flag, String form, String value, String example) {
    return BAD_REPLAN_OPTION.violation(flag, value, flag, form, value, example);
  }

  /** Both re-plan options are given. */
  public static Violation replanGivenTwice(String replan, String decayNow) {
    return REPLAN_GIVEN_TWICE.violation("--replan", replan, replan, decayNow);
  }

  /** A re-plan option given to a command printing --json. */
  public static Violation replanNotInJson(String flag) {
    return REPLAN_NOT_IN_JSON.violation(flag, null, flag);
  }

  /** @param count the number of checkpoints to keep given, below 1 */
  public static Violation keepCheckpointsBelowOne(int count) {
    return KEEP_CHECKPOINTS_BELOW_ONE.violation("--keep-checkpoints", count, count);
  }

  /** @param count the number of checkpoints to keep given, with no folder to keep them in */
  public static Violation keepCheckpointsWithoutCheckpointDir(int count) {
    return KEEP_CHECKPOINTS_WITHOUT_CHECKPOINT_DIR.violation("--keep-checkpoints", count, count);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
