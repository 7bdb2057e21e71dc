package dev.anneal.cli;

import ai.djl.translate.TranslateException;
import dev.anneal.checkpoint.CheckpointCode;
import dev.anneal.checkpoint.Replan;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.cli.chart.PhaseSpan;
import dev.anneal.cli.chart.Ticks;
import dev.anneal.cli.chart.TrainingChart;
import dev.anneal.cli.data.LabeledData;
import dev.anneal.cli.data.Split;
import dev.anneal.cli.train.CheckpointRetention;
import dev.anneal.cli.train.Checkpointing;
import dev.anneal.cli.train.Mlp;
import dev.anneal.cli.train.OptimizerChoice;
import dev.anneal.cli.train.OptimizerKind;
import dev.anneal.cli.train.OptimizerResolution;
import dev.anneal.cli.train.PlanEpochs;
import dev.anneal.cli.train.RunLength;
import dev.anneal.cli.train.RunLog;
import dev.anneal.cli.train.TrainingResult;
import dev.anneal.cli.train.TrainingRun;
import dev.anneal.cli.train.TrainingSetup;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.runtime.RuntimeCode;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anneal train}: a real small model trained with DJL under a schedule, with its log and chart. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Trains a small neural network (a multilayer perceptron) with DJL, on the GPU if the engine sees one, else the CPU, "
          + "under the schedule of a config: Anneal's optimizer applies every channel of its plan at every update "
          + "(lr; momentum, which is Adam's beta1; weight_decay). Shows DJL's progress bar, prints a summary, and writes "
          + "OUT/train.csv (step,lr,momentum,weight_decay,loss: the values each update applied and the loss of its batch; "
          + "step = updates applied before it) and OUT/train.png (learning rate and loss).",
      "",
      "With no options: the embedded digits data set, an MLP 64-64-10, AdamW, batch 32, and the built-in plan "
          + "examples/train-digits.json: warm-up 3e-5 -> 3e-3 over 300 updates, cosine to 3e-5 by update 3000, beta1 "
          + "0.95 -> 0.9 during the warm-up, weight decay 0.01. A fifth of the rows is held out to measure accuracy.",
      "",
      "A plan stepped per epoch (\"cadence\": \"epoch\") must be written for this command's epoch, ceil(training rows / --batch-size) "
          + "updates (else it is refused, naming a --batch-size that fits); its plateau phases are fed the loss over the held-out rows "
          + "after each epoch, other plans' the mean training loss of each epoch."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:trained; the log and chart were written", "2:bad input (one line on standard error per problem)", "70:a bug in Anneal"})
final class TrainCommand implements Callable<Integer> {
  /** Where the built-in plan is, on the class path (a copy of examples/train-digits.json). */
  static final String DEFAULT_PLAN = "/dev/anneal/cli/train/train-digits.json";

  /** How many epochs a plan that never ends trains for, unless --epochs or --steps says otherwise. */
  static final int OPEN_ENDED_EPOCHS = 20;

  /** The most updates one run may take (the log keeps every one). */
  static final long MAX_UPDATES = TrainingSetup.MAX_UPDATES;

  /** The log a run writes into --out. */
  static final String CSV_FILE = "train.csv";

  /** The chart a run writes into --out. */
  static final String CHART_FILE = "train.png";

  @Spec private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "The config whose plan drives the optimizer; - reads standard input. Default: the built-in plan.")
  private Path config;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private LearningData data;

  @Mixin private ModelOptions model;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd, sgd-pytorch (SGD with PyTorch's momentum form), adam or adamw. Default: the config's optimizer with all its settings "
          + "(SGD as sgd-pytorch), else adamw. Given, it replaces the config's optimizer (each setting dropped is named on standard error); "
          + "a channel the plan lacks is then a constant: momentum 0 (sgd, sgd-pytorch) or beta1 0.9 (adam, adamw); weight decay 0.")
  private String optimizer;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training rows. Default: as many as the plan's declared end needs ("
      + OPEN_ENDED_EPOCHS + " if it never ends).")
  private Long epochs;

  @Option(names = "--steps", paramLabel = "N", converter = StepLength.Converter.class,
      description = "Optimizer updates to run instead (the last epoch may stop part-way). " + StepLength.HELP + " A unit needs --config.")
  private StepLength steps;

  /** --steps in updates, once the config's geometry has converted a length in a unit; null without --steps. */
  private StepLengths.Resolved stepsResolved;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "anneal-train",
      description = "The folder train.csv and train.png go in, created if missing (its own folder must exist); each file is replaced "
          + "atomically. Default: ${DEFAULT-VALUE}.")
  private Path out;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Save a checkpoint into DIR at the end of every epoch and of the run: " + Checkpointing.PATTERN + " (NNNN: the updates "
          + "applied), its .anneal sidecar (the schedule and the optimizer's state) and train-NNNN.csv (the log so far). A plan with "
          + "plateau phases saves at the ends of epochs only. Default: no checkpoints.")
  private Path checkpointDir;

  @Option(names = "--keep-checkpoints", paramLabel = "N",
      description = "Keep only the N newest complete checkpoints in --checkpoint-dir: after each save, older ones are deleted (each "
          + "checkpoint's sidecar first, then its .params file and its log). The checkpoint just saved is always kept, and files of "
          + "other names are never touched. Default: keep every checkpoint.")
  private Integer keepCheckpoints;

  @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
      description = "Go on from the newest complete checkpoint in --checkpoint-dir, or from FILE (a " + Checkpointing.PATTERN + " that "
          + "anneal train saved), to the run's length: the run continues exactly as the one that never stopped (same parameters, "
          + "optimizer state, schedule values and batches). Give the options of the first run; train.csv holds the whole run.")
  private String resume;

  @Option(names = "--resume-policy", paramLabel = "POLICY", defaultValue = "FAIL_ON_DIFFERENCE",
      description = "What --resume does when this run's plan differs from the checkpoint's: FAIL_ON_DIFFERENCE (refuse, listing every "
          + "difference), USE_CHECKPOINT (go on with the checkpoint's plan), USE_NEW (this run's plan from the resume step on) or "
          + "CONTINUE_FROM_CURRENT_VALUE (this run's plan, each changed channel scaled to the value the run had reached) or "
          + "REFIT_TO_NEW_END (the checkpoint's plan, its remaining phases fitted to end at this run's length, --steps or --epochs: "
          + "no jump at the resume step, and the decay still reaches its floor at the new end). Default: ${DEFAULT-VALUE}.")
  private ResumePolicy resumePolicy;

  /** The config's run geometry (Anneal JSON's {@code "geometry"}), or null: read with the config. */
  private RunGeometry geometry;

  @Override
  public Integer call() throws IOException, TranslateException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    // The outputs first: a typo in --out must not cost a training run.
    Path directory = Outputs.folder("--out", out, List.of(CSV_FILE, CHART_FILE));
    if (checkpointDir != null) {
      Outputs.folder("--checkpoint-dir", checkpointDir, List.of());
    }
    Imported imported = imported();
    stepsResolved = resolvedSteps(imported);
    Plan plan = imported.plan();
    LabeledData labeled = data.load();
    Split split = Split.of(labeled, model.seed);
    // Every bad option at once, as the config readers report every bad key: not one per run.
    List<Violation> bad = new ArrayList<>();
    OptimizerKind given = optimizer == null ? null : ModelOptions.optimizer(optimizer, bad);
    bad.addAll(lengthProblems());
    bad.addAll(model.problems(split.train().rows()));
    if (resume != null && resume.isEmpty() && checkpointDir == null) {
      bad.add(CliCode.resumeWithoutCheckpointDir());
    }
    if (resume == null && spec.commandLine().getParseResult().hasMatchedOption("--resume-policy")) {
      bad.add(CliCode.resumePolicyWithoutResume(resumePolicy.name()));
    }
    if (keepCheckpoints != null && keepCheckpoints < 1) {
      bad.add(CliCode.keepCheckpointsBelowOne(keepCheckpoints));
    }
    if (keepCheckpoints != null && checkpointDir == null) {
      bad.add(CliCode.keepCheckpointsWithoutCheckpointDir(keepCheckpoints));
    }
    if (!bad.isEmpty()) {
      throw CommandFailure.badInput(null, bad);
    }
    Mlp mlp = model.model(labeled, split.train().rows());
    long perEpoch = (split.train().rows() + model.batchSize - 1) / model.batchSize;
    // A plan written per epoch must get the epochs it was written for, before any length is derived from them.
    PlanEpochs.mismatch(planEpoch(plan), split.train().rows(), model.batchSize).ifPresent(problem -> {
      throw CommandFailure.badInput(config, List.of(problem));
    });
    RunLength length = length(imported, perEpoch);
    long updates = length.updates();
    Plan refitTarget = refitTarget(plan, updates);
    requireValuesThrough(refitTarget, updates);
    OptimizerResolution resolution = OptimizerResolution.resolve(imported.optimizer(), given, plan);
    if (!resolution.errors().isEmpty()) {
      throw CommandFailure.badInput(config, resolution.errors());
    }
    OptimizerChoice choice = resolution.choice();
    requireApplicable(plan, choice);
    TrainingSetup setup = new TrainingSetup(split, mlp, refitTarget, choice, model.batchSize, updates, model.seed, geometry);
    CheckpointRetention retention = keepCheckpoints == null ? CheckpointRetention.all() : CheckpointRetention.newest(keepCheckpoints);
    Checkpointing checkpoints = new Checkpointing(checkpointDir, resumeFile(), resumePolicy, retention);

    shown.print(stderr, config, resolution.notes());
    replacedRunLength(imported, length).ifPresent(note -> shown.print(stderr, config, List.of(note)));
    if (refitTarget == plan) {
      // Re-planned, the run ends where its plan does: there is no rest of the plan that never runs.
      length.warning(perEpoch).ifPresent(warning -> shown.print(stderr, null, List.of(warning)));
    }
    // Printed once the run is sure to start: a resume the checkpoint refuses prints no summary of a run that never trains.
    List<String> summary = new ArrayList<>();
    summary.add("data: " + LearningData.describe(labeled, split.train().rows(), split.heldOut().rows()));
    summary.add("model: MLP " + mlp + " (" + mlp.parameters() + " parameters), " + choice.kind().cliName() + ", batch " + model.batchSize);
    if (resolution.description() != null) {
      summary.add("optimizer: " + resolution.description());
    }
    summary.add("plan: " + (config == null ? "built-in warm-up + cosine (examples/train-digits.json)" : config + " (" + imported.format() + ")")
        + ", channels " + String.join(", ", plan.channels().keySet()) + "; " + updates + " updates, " + perEpoch + " per epoch");
    summary.add(length.summary());
    if (refitTarget != plan) {
      summary.add("re-plan: the checkpoint's plan, from the update it was saved after, fitted to end at update " + updates
          + " (--resume-policy REFIT_TO_NEW_END); train.csv holds the values applied");
    }
    TrainingResult result = run(setup, checkpoints, () -> {
      summary.forEach(stdout::println);
      stdout.flush();
    });
    RunLog log = result.log();
    Outputs.created(directory);
    Path csv = directory.resolve(CSV_FILE);
    Path png = directory.resolve(CHART_FILE);
    Outputs.write(csv, log::writeCsv);
    String title = config == null ? "anneal train (built-in plan)" : "anneal train " + config.getFileName();
    Outputs.write(png, file -> ChartFiles.write(TrainingChart.panels(log, plan.lr(), title), file));

    stdout.println("device: " + result.devices());
    if (result.resumedAfter() > 0) {
      stdout.println("resumed from " + checkpoints.resumeFrom() + " after " + result.resumedAfter() + " updates");
    }
    long trained = updates - result.resumedAfter();
    String epochs = result.resumedAfter() == 0 ? result.epochs() + " epochs" : "epochs " + (result.resumedAfter() / perEpoch + 1) + " to " + result.epochs();
    stdout.printf(Locale.ROOT, "trained %d updates (%s) in %.1f s, %.2f ms per update%n",
        trained, epochs, result.seconds(), 1000 * result.seconds() / trained);
    int last = (int) Math.min(perEpoch, updates);
    stdout.printf(Locale.ROOT, "final loss %s (mean of the last %d updates); accuracy %s on the training rows, %s held out%n",
        Ticks.label(log.meanLoss(last)), last, percent(result.trainingAccuracy()), percent(result.heldOutAccuracy()));
    if (!result.epochLosses().isEmpty()) {
      stdout.println("held-out loss after each epoch, observed by the plan's per-epoch plateau while it runs: "
          + result.epochLosses().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    stdout.println("learning rate applied:");
    for (String line : keySteps(plan.lr(), log)) {
      stdout.println("  " + line);
    }
    stdout.println("wrote " + csv + " (" + RunLog.HEADER + ")");
    stdout.println("wrote " + png + " (learning rate and loss)");
    if (checkpointDir != null) {
      String kept = retention.keepsAll() ? "" : "; deleted " + retention.deleted() + " older checkpoint" + (retention.deleted() == 1 ? "" : "s")
          + " (--keep-checkpoints " + retention.keep() + ")";
      Checkpointing.newestComplete(checkpointDir).ifPresent(newest -> stdout.println("saved checkpoints in " + checkpointDir
          + ", the newest " + newest.getFileName() + " (go on with --resume --checkpoint-dir " + checkpointDir + ")" + kept));
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  /**
   * The checkpoint {@code --resume} names, or the newest complete one in {@code --checkpoint-dir};
   * {@code null} without {@code --resume}.
   *
   * @throws CommandFailure ({@code NoCheckpoint}) when the folder holds none; ({@code
   *     CheckpointUnreadable}) for a file that is not a {@code .params} file or lacks the log saved beside it
   */
  private Path resumeFile() throws IOException {
    if (resume == null) {
      return null;
    }
    Path file = resume.isEmpty()
        ? Checkpointing.newestComplete(checkpointDir).orElseThrow(() ->
            CommandFailure.badInput(null, List.of(CliCode.noCheckpoint(checkpointDir.toString(), Checkpointing.PATTERN))))
        : Path.of(resume);
    if (!file.getFileName().toString().endsWith(".params")) {
      throw CommandFailure.badInput(null, List.of(RuntimeCode.checkpointUnreadable("--resume", file,
          "not a .params file; resume from a " + Checkpointing.PATTERN + " file that anneal train saved")));
    }
    Path log = TrainingRun.logOf(file);
    if (Files.isRegularFile(file) && !Files.isRegularFile(log)) {
      throw CommandFailure.badInput(null, List.of(RuntimeCode.checkpointUnreadable("--resume", log,
          "missing: anneal train saves the log of the updates before each checkpoint beside it, and resumes only checkpoints it saved")));
    }
    return file;
  }

  /**
   * Trains, calling {@code beforeFirstUpdate} once the checkpoint (if any) is restored and accepted;
   * a checkpoint that cannot be resumed is bad input, and a plan that differs from the checkpoint's
   * is answered with the {@code --resume-policy} that would resume it.
   */
  private static TrainingResult run(TrainingSetup setup, Checkpointing checkpoints, Runnable beforeFirstUpdate)
      throws IOException, TranslateException {
    try {
      return TrainingRun.run(setup, checkpoints, beforeFirstUpdate);
    } catch (InvalidScheduleException e) {
      if (checkpoints.resumeFrom() == null) {
        throw e;
      }
      List<Violation> found = new ArrayList<>(e.violations());
      long changed = found.stream().filter(v -> v.code() == CheckpointCode.SCHEDULE_CHANGED).count();
      if (changed > 0) {
        found.add(CliCode.resumedPlanChanged(changed == 1 ? "1 difference" : changed + " differences"));
      }
      throw CommandFailure.badInput(checkpoints.resumeFrom(), found);
    }
  }

  private Imported imported() {
    ConfigSource source = inline.optional(config, "--config");
    if (source == null) {
      if (configInput.name() != null) {
        throw CommandFailure.badInput(null, List.of(CliCode.formatWithoutConfig(configInput.name())));
      }
      return Formats.byName("anneal").read(builtInPlan());
    }
    config = source.label(); // from here on the name messages give the config: its path, or <inline>
    PrintWriter err = spec.commandLine().getErr();
    Imported imported = configInput.read(source, configInput.format(), shown.printedOn(err, config));
    shown.print(err, config, withoutOptimizerNotes(imported));
    geometry = geometry(source, imported);
    if (imported.plan().lr() == null) {
      throw CommandFailure.badInput(config, List.of(ConfigCode.missingKey(Plan.LR, "'" + Plan.LR + "': the optimizer needs a learning-rate channel")));
    }
    return imported;
  }

  /**
   * The config's warnings and notes, less the notes on its optimizer's settings: the schedule does
   * not use them, but a run does, and {@link OptimizerResolution} says for each what the run does
   * with it (applies it, replaces it, or refuses it), so a note that calls it ignored would
   * contradict that.
   */
  static List<Violation> withoutOptimizerNotes(Imported imported) {
    Set<String> optimizerPaths = imported.optimizer().map(o -> o.settings().stream().map(OptimizerSettings.Setting::path)
        .filter(Objects::nonNull).collect(Collectors.toSet())).orElse(Set.of());
    return imported.warnings().stream()
        .filter(v -> v.code() != ConfigCode.IGNORED_SETTING || !optimizerPaths.contains(v.path()))
        .toList();
  }

  /**
   * The run geometry of an Anneal JSON config, read again from its text; none from standard input,
   * which cannot be read twice (a plan stepped per epoch still states its epoch through its cadence).
   */
  private static RunGeometry geometry(ConfigSource source, Imported imported) {
    if (!imported.format().equals(AnnealFormat.NAME) || (source.inline() == null && source.file().toString().equals(Inputs.STANDARD_INPUT))) {
      return null;
    }
    return new AnnealFormat().readGeometry(source.text()).orElse(null);
  }

  /** The updates per epoch the plan is written for; a geometry and a cadence that disagree are bad input. */
  private OptionalLong planEpoch(Plan plan) {
    try {
      return PlanEpochs.of(plan, geometry);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(config, e.violations());
    }
  }

  /**
   * --steps in updates: as given, or a length in a unit converted by the config's run geometry.
   *
   * @throws CommandFailure ({@code UnitWithoutConfig}) for a unit with the built-in plan, ({@code
   *     UnitNeedsGeometry}) where the config's geometry cannot convert it
   */
  private StepLengths.Resolved resolvedSteps(Imported imported) {
    if (steps == null) {
      return null;
    }
    if (!steps.inUpdates() && config == null) {
      throw CommandFailure.badInput(null, List.of(CliCode.unitWithoutConfig("--steps", steps.text(), steps.unit().jsonName())));
    }
    return StepLengths.resolve(steps, "--steps", () -> ConfigGeometry.forLengths(imported), imported.format(), config);
  }

  /** What is wrong with --epochs and --steps, each with its value. */
  private List<Violation> lengthProblems() {
    List<Violation> found = new ArrayList<>();
    if (epochs != null && steps != null) {
      found.add(CliCode.lengthGivenTwice(epochs, steps.text()));
    }
    if (epochs != null && epochs < 1) {
      found.add(RuleCode.nonPositiveLength("--epochs", "--epochs", epochs));
    }
    if (stepsResolved != null && (stepsResolved.updates() < 1 || stepsResolved.updates() > MAX_UPDATES)) {
      found.add(RuleCode.outOfRange("--steps", "--steps", stepsResolved.updates(), "[1, " + MAX_UPDATES + "]"));
    }
    return found;
  }

  /**
   * The updates to run: --steps, else --epochs, else the length the config states for its loop
   * (a pytorch config's {@code epochs}), else the plan's declared end, else {@link
   * #OPEN_ENDED_EPOCHS} epochs.
   */
  private RunLength length(Imported imported, long perEpoch) {
    Plan plan = imported.plan();
    if (stepsResolved != null) {
      String source = "--steps " + steps.text() + (stepsResolved.converted()
          ? ", " + StepLengths.grouped(stepsResolved.reached()) + " " + steps.unit().jsonName() + " by the config's run geometry"
          : "");
      return new RunLength(stepsResolved.updates(), source, "--steps", plan);
    }
    if (epochs != null) {
      if (epochs > MAX_UPDATES / perEpoch) {
        throw CommandFailure.badInput(null, List.of(RuleCode.outOfRange("--epochs", "--epochs", epochs,
            "[1, " + MAX_UPDATES / perEpoch + "] (at most " + MAX_UPDATES + " updates of " + perEpoch + " per epoch)")));
      }
      return new RunLength(epochs * perEpoch, "--epochs " + epochs + ", " + perEpoch + " per epoch", "--epochs", plan);
    }
    if (imported.runLength().isPresent()) {
      long updates = imported.runLength().getAsLong();
      if (updates > MAX_UPDATES) {
        throw CommandFailure.badInput(config, List.of(RuleCode.outOfRange("epochs", "the config's run length", updates,
            "[1, " + MAX_UPDATES + "] for anneal train; train part of it with --steps")));
      }
      return new RunLength(updates, "the config's epochs", null, plan);
    }
    long end = RunLength.declaredEnd(plan).orElse(-1);
    if (end > MAX_UPDATES) {
      throw CommandFailure.badInput(config, List.of(RuleCode.outOfRange("", "the declared end", end,
          "[1, " + MAX_UPDATES + "] for anneal train; train part of it with --steps")));
    }
    return end > 0
        ? new RunLength(end, "the plan's declared end", null, plan)
        : new RunLength(OPEN_ENDED_EPOCHS * perEpoch, OPEN_ENDED_EPOCHS + " epochs, as the plan declares no end", null, plan);
  }

  /**
   * The note naming a run length the config states (a pytorch config's {@code epochs}) that
   * {@code --steps} or {@code --epochs} replaces: the option wins, and the config's figure is not
   * dropped silently.
   */
  private static Optional<Violation> replacedRunLength(Imported imported, RunLength length) {
    if (length.flag() == null || imported.runLength().isEmpty() || imported.runLength().getAsLong() == length.updates()) {
      return Optional.empty();
    }
    return Optional.of(ConfigCode.ignoredSetting("epochs", imported.runLength().getAsLong() + " updates",
        length.flag() + " replaces the config's run length of " + imported.runLength().getAsLong() + " updates: this run is "
            + length.updates() + " updates"));
  }

  /**
   * The plan a resume under {@code REFIT_TO_NEW_END} compares with the checkpoint's: this run's
   * plan stretched from step 0 to end at the run's length, {@code updates}. The resume takes only
   * its end ({@code ResumeCheck}: the checkpoint's plan is fitted from the resume step to it).
   * {@code plan} itself under any other policy, or when it already ends there.
   */
  private Plan refitTarget(Plan plan, long updates) {
    boolean endsThere = plan.channels().values().stream()
        .allMatch(schedule -> schedule.declaredEnd().isEmpty() || schedule.declaredEnd().getAsLong() == updates);
    if (resume == null || resumePolicy != ResumePolicy.REFIT_TO_NEW_END || endsThere) {
      return plan;
    }
    try {
      return Replan.refit(plan, 0, updates);
    } catch (InvalidScheduleException e) {
      String flag = steps != null ? "--steps" : epochs != null ? "--epochs" : "--config";
      throw CommandFailure.badInput(config, e.violations().stream().map(v -> v.relocated(v.path() + " (" + flag + ")", null, null)).toList());
    }
  }

  /** A plan declared with after-end FAIL must reach every update: refuse before training, not at update N. */
  private void requireValuesThrough(Plan plan, long updates) {
    for (var channel : plan.channels().entrySet()) {
      try {
        channel.getValue().valueAt(updates - 1);
      } catch (InvalidScheduleException e) {
        String flag = steps != null ? "--steps" : epochs != null ? "--epochs" : "--config";
        throw CommandFailure.badInput(config, e.violations().stream().map(v -> v.relocated(channel.getKey() + " (" + flag + ")", null, null)).toList());
      }
    }
  }

  /** A channel the optimizer does not apply (a free scalar) is refused before the engine starts. */
  private void requireApplicable(Plan plan, OptimizerChoice choice) {
    try {
      choice.build(choice.groups(ScheduledTraining.builder(), plan).build(), plan);
    } catch (InvalidScheduleException e) {
      List<Violation> located = e.violations().stream()
          .map(v -> v.relocated(v.path().replaceFirst("^groups\\.[^.]+\\.", ""), null, null)).toList();
      throw CommandFailure.badInput(config, located);
    }
  }

  /** The learning rate at the first update, where each phase begins, and at the last update. */
  static List<String> keySteps(Schedule lr, RunLog log) {
    List<String> lines = new ArrayList<>();
    int width = Integer.toString(log.updates() - 1).length();
    for (PhaseSpan phase : PhaseSpan.of(lr)) {
      if (phase.start() >= log.updates()) {
        break;
      }
      int step = (int) phase.start();
      lines.add(String.format(Locale.ROOT, "step %" + width + "d  %-10s phase %d (%s) begins", step, Ticks.label(log.lr(step)), phase.index(), phase.kind()));
    }
    int last = log.updates() - 1;
    lines.add(String.format(Locale.ROOT, "step %" + width + "d  %-10s the last update", last, Ticks.label(log.lr(last))));
    return lines;
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  private static String builtInPlan() {
    try (InputStream in = TrainCommand.class.getResourceAsStream(DEFAULT_PLAN)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_PLAN + " is missing from the anneal command's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
