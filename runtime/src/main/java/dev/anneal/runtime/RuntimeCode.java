package dev.anneal.runtime;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.List;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum RuntimeCode implements DiagnosticCode {
  PARAMETERS_UNMATCHED(Severity.ERROR, "no parameter group selects {parameters}; add a group whose pattern matches, or a catch-all group (glob:*)"),
  PARAMETERS_MATCHED_TWICE(Severity.ERROR, "{parameter} is selected by {groups}; make the patterns disjoint so that each trainable parameter has exactly one group"),
  UNUSED_GROUP(Severity.ERROR, "group {group} ({selector}) selects no trainable parameter; the parameters are {parameters}"),
  INVALID_PATTERN(Severity.ERROR, "'{pattern}' is not a valid {kind} pattern: {problem}"),
  CHANNEL_NOT_APPLIED(Severity.ERROR, "{applier} does not apply a channel named '{channel}'; it applies {applied}"),
  DUPLICATE_GROUP(Severity.ERROR, "two groups are named {group}; group names must be unique"),
  SECOND_OPTIMIZER(Severity.ERROR, "this training schedule already drives an optimizer; build one ScheduledTraining per optimizer"),
  WEIGHT_DECAY_TWICE(Severity.ERROR, "{optimizer} has a constant weight decay (optWeightDecays {weightDecay}) and a weight_decay channel; keep one"),
  NO_VALIDATION_BATCH(Severity.ERROR, "feedback validationLossEachEpoch found no validation batch in epoch {epoch}; pass a validation dataset to EasyTrain.fit or choose another feedback"),
  NO_TRAINING_BATCH(Severity.ERROR, "feedback trainingLossEvery({every}) saw no training batch before update {update}; train with EasyTrain.trainBatch (it notifies the listener) or call ScheduledTraining.observe yourself"),
  NOT_BOUND_AT_SAVE(Severity.ERROR, "the training schedule is not bound to a trainer: save needs the parameters bound when training began; add ScheduledTraining.listener() to the training config"),
  NOT_BOUND_AT_UPDATE(Severity.ERROR, "the training schedule is not bound to a trainer: parameter {parameterId} is being updated, but the schedule's listener never saw training begin; add ScheduledTraining.listener() to the DefaultTrainingConfig before creating the trainer"),
  STEP_NOT_ADVANCED(Severity.ERROR, "parameter {parameter} was updated more than once per device ({devices} devices) within step {step}; the step advances only through the schedule's listener (add ScheduledTraining.listener() to the training config) or ScheduledTraining.endStep() after trainer.step()"),
  UNKNOWN_PARAMETER(Severity.ERROR, "parameter id {parameterId} is not among the parameters bound at the start of training; rebuild the trainer after changing the model"),
  NON_FINITE_METRIC(Severity.ERROR, "the metric observed after step {step} is {metric}; a reactive phase needs a finite metric"),
  EMPTY_RANGE_TEST_DATASET(Severity.ERROR, "the range test's dataset has no batch"),
  RANGE_TEST_TOO_SHORT(Severity.ERROR, "too few usable losses to suggest a learning rate: {usable} (finite, measured before {stop}), at least {needed} needed; start from a smaller startLr, or let the learning rate grow more slowly with a smaller endLr or more steps"),
  MODEL_OFF_TRAINING_DEVICES(Severity.ERROR, "the model lives on {modelDevice} but the trainer trains on {trainerDevices}, so the model's parameters are stale until the trainer closes; create the model on the first training device"),
  CHECKPOINT_LOCKED(Severity.ERROR, "another save of {name} into {directory} is under way ({holder} holds {lockFile}); give each run its own folder or checkpoint name, or save from one thread at a time"),
  CHECKPOINT_UNREADABLE(Severity.ERROR, "{file} is {problem}; refusing to resume from it"),
  SIDECAR_OF_ANOTHER_FILE(Severity.ERROR, "{sidecar} belongs to {savedFor}, not to {paramsFile}; refusing to resume from it"),
  PARAMS_CHANGED_SINCE_SAVE(Severity.ERROR, "{paramsFile} changed after its Anneal state was saved (SHA-256 {sha256}…, saved with {savedSha256}…); refusing to resume from a mismatched pair"),
  RESTORE_AFTER_INITIALIZE(Severity.ERROR, "restore the checkpoint before trainer.initialize: the trainer holds the model's parameter arrays, which loading replaces, so it would go on training the old ones"),
  RESTORE_AFTER_UPDATE(Severity.ERROR, "restore a checkpoint before the first update; this schedule has already applied {updates} updates"),
  OPTIMIZER_ALREADY_UPDATED(Severity.ERROR, "restore a checkpoint before the first update: the Anneal {optimizer} optimizer has already updated parameters"),
  MODEL_NOT_INITIALIZED(Severity.ERROR, "the model is not initialized and could not be initialized for the input shapes {inputShapes} of {paramsFile} ({reason}); initialize it (trainer.initialize) before restoring"),
  PARAMS_NOT_LOADABLE(Severity.ERROR, "{paramsFile} does not load into the model (DJL says: {reason}); restore into a model built as it was saved"),
  PARAMETER_SHAPE_CHANGED(Severity.ERROR, "parameter {parameter} has shape {saved} in the checkpoint but {declared} in the model; restore into a model built as it was saved"),
  PARAMETER_NOT_IN_MODEL(Severity.ERROR, "parameter {parameter} of shape {shape} is in the checkpoint but not in the model; restore into a model built as it was saved"),
  PARAMETER_NOT_IN_CHECKPOINT(Severity.ERROR, "parameter {parameter} of shape {shape} is in the model but not in the checkpoint; restore into a model built as it was saved"),
  CHANNELS_CHANGED_ON_RESUME(Severity.ERROR, "the resumed plans schedule {resumed} but {appliers} was built for {built}; restore the checkpoint before building the optimizer or tracker"),
  OPTIMIZER_CHANGED(Severity.ERROR, "the checkpoint holds the state of an Anneal {saved} optimizer, but this run uses {current}"),
  OPTIMIZER_MISSING(Severity.ERROR, "the checkpoint holds the state of an Anneal {saved} optimizer, but this run has none; build ScheduledSgd or ScheduledAdam from this schedule"),
  OPTIMIZER_PARAMETERS_CHANGED(Severity.ERROR, "the checkpoint's optimizer state holds parameters {saved} but the model's trainable parameters are {trainable}"),
  OPTIMIZER_STATE_SHAPE(Severity.ERROR, "the checkpoint's {state} of {parameter} has shape {savedShape} {savedType} but the parameter has {shape} {type}"),
  EPOCH_LENGTHS_DISAGREE(Severity.ERROR, "{first} gives {firstUpdates} updates per epoch but {second} gives {secondUpdates}; a run has one epoch length: make the geometry and every per-epoch cadence state the same updates_per_epoch"),
  EPOCH_OFF_PLAN(Severity.ERROR, "epoch {epoch} of the loop ended after update {update} ({inEpoch} updates in it), but the plan's epochs are {perEpoch} updates ({source}), so its per-epoch values and plateau metrics would fall mid-epoch; make the loop run {perEpoch} updates per epoch (data-set size, batch size, drop_last, gradient accumulation) or build the schedule with the run's geometry");

  /** How much of a SHA-256 a message shows: enough to tell two files apart at a glance. */
  private static final int SHOWN_HASH = 12;

  private final MessageSpec spec;

  RuntimeCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /** @param parameters the names of the trainable parameters no group selects, joined by the message */
  public static Violation parametersUnmatched(List<String> parameters) {
    return PARAMETERS_UNMATCHED.violation("groups", parameters, String.join(", ", parameters));
  }

  /** @param groups each selecting group as {@code name (pattern)}, joined with "and" by the message */
  public static Violation parametersMatchedTwice(String parameter, List<String> groups) {
    return PARAMETERS_MATCHED_TWICE.violation("groups", parameter, parameter, String.join(" and ", groups));
  }

  /**
   * @param selector the group's pattern as written ({@code glob:*_bias})
   * @param parameters the names of all trainable parameters, joined by the message
   */
  public static Violation unusedGroup(String group, String selector, List<String> parameters) {
    return UNUSED_GROUP.violation("groups." + group, selector, group, selector, String.join(", ", parameters));
  }

  /**
   * @param pattern the selector as written, quoted by the message
   * @param kind the pattern syntax ({@code glob} or {@code regex})
   */
  public static Violation invalidPattern(String pattern, String kind, String problem) {
    return INVALID_PATTERN.violation("selector", pattern, pattern, kind, problem);
  }

  /**
   * @param applier what applies the channels ({@code ScheduledSgd})
   * @param applied the channels it applies, in order
   */
  public static Violation channelNotApplied(String path, String applier, String channel, List<String> applied) {
    return CHANNEL_NOT_APPLIED.violation(path, channel, applier, channel, applied);
  }

  public static Violation duplicateGroup(String group) {
    return DUPLICATE_GROUP.violation("groups." + group, group, group);
  }

  /** @param value the name of the optimizer that was to be attached second */
  public static Violation secondOptimizer(String value) {
    return SECOND_OPTIMIZER.violation("optimizer", value);
  }

  /**
   * @param weightDecay the optimizer's constant weight decay, a float (DJL keeps it as one), shown
   *     as Java writes a float
   */
  public static Violation weightDecayTwice(String optimizer, double weightDecay) {
    return WEIGHT_DECAY_TWICE.violation("weight_decay", (float) weightDecay, optimizer, Float.toString((float) weightDecay));
  }

  /** @param epoch the epoch that ended, counting from 1 */
  public static Violation noValidationBatch(long epoch) {
    return NO_VALIDATION_BATCH.violation("feedback", "validationLossEachEpoch", epoch);
  }

  /**
   * @param every the feedback's cadence in updates
   * @param update the update due to observe the loss, counting from 1
   */
  public static Violation noTrainingBatch(long every, long update) {
    return NO_TRAINING_BATCH.violation("feedback", "trainingLossEvery", every, update);
  }

  public static Violation notBoundAtSave() {
    return NOT_BOUND_AT_SAVE.violation("listener", null);
  }

  public static Violation notBoundAtUpdate(String parameterId) {
    return NOT_BOUND_AT_UPDATE.violation("listener", parameterId, parameterId);
  }

  /** @param devices how many devices the trainer updates each parameter on */
  public static Violation stepNotAdvanced(String parameter, int devices, long step) {
    return STEP_NOT_ADVANCED.violation("step", step, parameter, devices, step);
  }

  public static Violation unknownParameter(String parameterId) {
    return UNKNOWN_PARAMETER.violation("parameterId", parameterId, parameterId);
  }

  /** @param step the last update before the metric was observed */
  public static Violation nonFiniteMetric(long step, double metric) {
    return NON_FINITE_METRIC.violation("metric", metric, step, metric);
  }

  public static Violation emptyRangeTestDataset() {
    return EMPTY_RANGE_TEST_DATASET.violation("dataset", null);
  }

  /**
   * @param usable how many leading losses are finite and before the stop
   * @param stop what ended the test, in words ("the loss diverged at learning rate 2.0 on update 3")
   * @param needed the fewest usable losses a suggestion needs
   */
  public static Violation rangeTestTooShort(int usable, String stop, int needed) {
    return RANGE_TEST_TOO_SHORT.violation("", usable, usable, stop, needed);
  }

  public static Violation modelOffTrainingDevices(Device modelDevice, List<Device> trainerDevices) {
    return MODEL_OFF_TRAINING_DEVICES.violation("device", modelDevice, modelDevice, trainerDevices);
  }

  /**
   * @param name the checkpoint's name
   * @param holder who holds the lock, in words ("another process")
   */
  public static Violation checkpointLocked(String name, Path directory, String holder, Path lockFile) {
    return CHECKPOINT_LOCKED.violation("directory", String.valueOf(directory), name, directory, holder, lockFile);
  }

  /**
   * @param path which file of the checkpoint ({@code sidecar} or {@code paramsFile})
   * @param problem what is wrong with it, after "is" ("missing", "truncated …")
   */
  public static Violation checkpointUnreadable(String path, Path file, String problem) {
    return CHECKPOINT_UNREADABLE.violation(path, String.valueOf(file), file, problem);
  }

  /**
   * @param savedFor the parameter file the sidecar records
   * @param paramsFile the name of the parameter file it was found beside
   */
  public static Violation sidecarOfAnotherFile(Path sidecar, String savedFor, Path paramsFile) {
    return SIDECAR_OF_ANOTHER_FILE.violation("paramsFile", savedFor, sidecar, savedFor, paramsFile);
  }

  /** @param sha256 the file's SHA-256 now, and {@code savedSha256} the one saved; the message shows their first characters */
  public static Violation paramsChangedSinceSave(Path paramsFile, String sha256, String savedSha256) {
    return PARAMS_CHANGED_SINCE_SAVE.violation("paramsFile", sha256, paramsFile, abbreviated(sha256), abbreviated(savedSha256));
  }

  public static Violation restoreAfterInitialize() {
    return RESTORE_AFTER_INITIALIZE.violation("trainer", null);
  }

  /** @param updates how many updates the schedule has applied */
  public static Violation restoreAfterUpdate(long updates) {
    return RESTORE_AFTER_UPDATE.violation("step", updates, updates);
  }

  /** @param optimizer the optimizer's kind ({@code sgd}, {@code adam}) */
  public static Violation optimizerAlreadyUpdated(String optimizer) {
    return OPTIMIZER_ALREADY_UPDATED.violation("optimizer", optimizer, optimizer);
  }

  /** @param reason why initializing failed, as DJL says */
  public static Violation modelNotInitialized(List<Shape> inputShapes, String paramsFile, String reason) {
    return MODEL_NOT_INITIALIZED.violation("model", null, inputShapes, paramsFile, reason);
  }

  /** @param reason why loading failed, as DJL says */
  public static Violation paramsNotLoadable(Path paramsFile, String reason) {
    return PARAMS_NOT_LOADABLE.violation("paramsFile", String.valueOf(paramsFile), paramsFile, reason);
  }

  /**
   * @param saved the shape in the checkpoint
   * @param declared the shape in the model
   */
  public static Violation parameterShapeChanged(String parameter, Shape saved, Shape declared) {
    return PARAMETER_SHAPE_CHANGED.violation("parameters." + parameter, saved, parameter, saved, declared);
  }

  public static Violation parameterNotInModel(String parameter, Shape shape) {
    return PARAMETER_NOT_IN_MODEL.violation("parameters." + parameter, shape, parameter, shape);
  }

  public static Violation parameterNotInCheckpoint(String parameter, Shape shape) {
    return PARAMETER_NOT_IN_CHECKPOINT.violation("parameters." + parameter, shape, parameter, shape);
  }

  /**
   * @param resumed the channels the resumed plans schedule
   * @param appliers what was built for the old plans ({@code ScheduledSgd}), joined with "and"
   * @param built the channels they were built for
   */
  public static Violation channelsChangedOnResume(List<String> resumed, List<String> appliers, List<String> built) {
    return CHANNELS_CHANGED_ON_RESUME.violation("channels", resumed, resumed, String.join(" and ", appliers), built);
  }

  /**
   * @param saved the kind of optimizer the checkpoint's state is for
   * @param current the kind this run uses
   */
  public static Violation optimizerChanged(String saved, String current) {
    return OPTIMIZER_CHANGED.violation("optimizer", saved, saved, current);
  }

  /** @param saved the kind of optimizer the checkpoint's state is for */
  public static Violation optimizerMissing(String saved) {
    return OPTIMIZER_MISSING.violation("optimizer", saved, saved);
  }

  /**
   * @param saved the parameters the checkpoint's optimizer state is for
   * @param trainable the model's trainable parameters now
   */
  public static Violation optimizerParametersChanged(List<String> saved, List<String> trainable) {
    return OPTIMIZER_PARAMETERS_CHANGED.violation("parameters", saved, saved, trainable);
  }

  /** @param state the name of the optimizer state ({@code momentum}) */
  public static Violation optimizerStateShape(String state, String parameter, Shape savedShape, DataType savedType, Shape shape, DataType type) {
    return OPTIMIZER_STATE_SHAPE.violation("optimizer." + parameter + "." + state, savedShape, state, parameter, savedShape, savedType, shape, type);
  }

  /**
   * @param path where the second figure is ({@code groups.all.lr})
   * @param first where the first figure comes from
   * @param second where the second comes from
   */
  public static Violation epochLengthsDisagree(String path, String first, long firstUpdates, String second, long secondUpdates) {
    return EPOCH_LENGTHS_DISAGREE.violation(path, secondUpdates, first, firstUpdates, second, secondUpdates);
  }

  /**
   * @param epoch the loop's epoch that ended, counting from 1
   * @param update the updates applied when it ended
   * @param inEpoch the updates applied within it
   * @param perEpoch the plan's updates per epoch
   * @param source where the plan's figure comes from
   */
  public static Violation epochOffPlan(long epoch, long update, long inEpoch, long perEpoch, String source) {
    return EPOCH_OFF_PLAN.violation("epoch", update, epoch, update, inEpoch, perEpoch, source);
  }

  private static String abbreviated(String sha256) {
    return sha256.substring(0, Math.min(SHOWN_HASH, sha256.length()));
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
