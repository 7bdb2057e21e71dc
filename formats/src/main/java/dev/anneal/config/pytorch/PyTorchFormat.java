package dev.anneal.config.pytorch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code pytorch} config format: an optimizer and a {@code torch.optim.lr_scheduler} scheduler
 * with its constructor's keyword arguments, and optionally the torch version to follow.
 *
 * <pre>{@code
 * {"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
 *  "scheduler": {"type": "StepLR", "kwargs": {"step_size": 30, "gamma": 0.1}},
 *  "torch_version": "1.13"}
 * }</pre>
 *
 * Without {@code torch_version} the config is read as the newest PyTorch 2.x runs it; {@code
 * "1.13"} selects torch 1.13's behaviour and refusals ({@link TorchVersion}).
 *
 * <p>{@code "interval": "epoch"} (with {@code "updates_per_epoch"}, or {@code "dataset_size"} and
 * {@code "batch_size"}) says that the loop calls {@code scheduler.step()} after each epoch, and
 * {@code "frequency"} after every N-th interval, as Lightning's {@code lr_scheduler} config says
 * it; every channel of the plan is then a {@link dev.anneal.schedule.Stepped} schedule, per update.
 * Without {@code "interval"} the scheduler is stepped after every update.
 *
 * <p>For {@code SequentialLR} and {@code ChainedScheduler}, {@code kwargs.schedulers} is a list of
 * {@code {"type", "kwargs"}} objects, built in that order on the same optimizer. The plan has
 * channel {@code lr}, and {@code momentum} where the scheduler cycles it. Every problem of a file
 * is reported at once, at its JSON path ({@code scheduler.kwargs.step_size}).
 */
public final class PyTorchFormat extends JsonConfigFormat {
  public PyTorchFormat() {
    super(PyTorchSchedulers.FORMAT);
  }

  @Override
  protected Imported read(JsonFields root, Problems problems) {
    JsonFields optimizerFields = root.requireObject("optimizer");
    JsonFields schedulerFields = root.requireObject("scheduler");
    TorchVersion version = version(root, problems);
    SchedulerCadence cadence = SchedulerCadence.read(root);
    EpochGeometry figures = EpochGeometry.read(root);
    Cadence stepping = cadence.resolve(figures, root);
    root.rejectUnknownKeys();
    PyTorchOptimizer optimizer = optimizerFields == null ? null : OptimizerReader.read(optimizerFields);
    PyTorchScheduler scheduler = schedulerFields == null ? null : new SchedulerReader(problems, version).read(schedulerFields, true);
    if (optimizer == null || scheduler == null) {
      problems.throwIfErrors();
    }
    List<Violation> errors = new ArrayList<>(problems.all().stream().filter(Violation::isError).toList());
    Imported imported;
    try {
      imported = PyTorchSchedulers.build(optimizer, scheduler, version, KwargsPaths.JSON);
    } catch (InvalidScheduleException e) {
      errors.addAll(e.violations());
      List<Violation> warnings = new ArrayList<>(problems.warnings());
      warnings.addAll(e.warnings());
      throw new InvalidScheduleException(errors, warnings);
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors, problems.warnings());
    }
    Plan plan;
    try {
      plan = SchedulerCadence.stepped(imported.plan(), stepping);
    } catch (InvalidScheduleException e) {
      // Only the end in updates can fail here: the scheduler's end times the updates of one step.
      throw new InvalidScheduleException(e.violations().stream().map(v -> v.relocated(root.path(SchedulerCadence.INTERVAL), null, null)).toList(),
          problems.warnings());
    }
    EpochCountCheck.check(scheduler, cadence, figures).ifPresent(problems::add);
    OptionalLong runLength = figures.runLength(root);
    List<Violation> late = problems.all().stream().filter(Violation::isError).toList();
    if (!late.isEmpty()) {
      throw new InvalidScheduleException(late, problems.warnings());
    }
    // The optimizer's reader checks these keys as torch does; the schedule does not use them.
    PyTorchKeys.OPTIMIZER_ARGUMENTS.reportIgnored(optimizerFields, path -> false);
    List<Violation> warnings = new ArrayList<>(problems.warnings());
    warnings.addAll(imported.warnings());
    Imported read = new Imported(name(), plan, warnings).withOptimizer(OptimizerReader.settings(optimizerFields, optimizer));
    if (figures.updatesPerEpoch().isPresent()) {
      read = read.withGeometry(figures.geometry());
    }
    return runLength.isPresent() ? read.withRunLength(runLength.getAsLong()) : read;
  }

  /** The {@code torch_version} of the config, the newest 2.x if absent or not one Anneal knows (after an error). */
  private static TorchVersion version(JsonFields root, Problems problems) {
    String value = root.optString("torch_version", null);
    if (value == null) {
      return TorchVersion.DEFAULT;
    }
    return TorchVersion.parse(value).orElseGet(() -> {
      problems.add(ConfigCode.unknownType(root.path("torch_version"), "torch_version", value,
          "; expected one of: " + String.join(", ", TorchVersion.ACCEPTED) + " (leave it out for the newest PyTorch 2.x)"));
      return TorchVersion.DEFAULT;
    });
  }

  /**
   * Writes {@code plan} as an SGD optimizer and the scheduler that reproduces it: one scheduler per
   * phase (with the constant PyTorch holds after it), joined by a {@code SequentialLR}; a schedule
   * scaled by a base value as factors of the optimizer's learning rate, a product of them as a
   * {@code ChainedScheduler}; momentum through the {@code CyclicLR} or {@code OneCycleLR} it mirrors.
   * The result is read back and compared with the plan before it is returned. A plan whose
   * channels are {@link dev.anneal.schedule.Stepped} at one cadence is written with its {@code
   * "interval"} and figures ({@code "updates_per_epoch"} for an epoch, {@code "frequency"} for
   * every N updates).
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what PyTorch lacks, e.g. "PyTorch
   *     has no WSD 1-sqrt decay"
   */
  @Override
  public String write(Plan stepped) {
    // A plan stepped at a coarser cadence is written as the scheduler it steps and the keys of its cadence.
    Cadence cadence = SchedulerCadence.common(stepped);
    Plan plan = SchedulerCadence.unwrapped(stepped);
    PyTorchWriter.Written written = PyTorchWriter.write(plan);
    Imported back;
    try {
      back = PyTorchSchedulers.build(written.optimizer(), written.scheduler());
    } catch (InvalidScheduleException e) {
      throw PyTorchWriter.unsupported("channels.lr", "PyTorch cannot express this plan: " + e.violations().get(0).message());
    }
    WriteCheck.sameCurve(Plan.LR, plan.lr(), back.plan().lr());
    Schedule momentum = plan.findChannel(Plan.MOMENTUM).orElse(null);
    Schedule writtenMomentum = back.plan().findChannel(Plan.MOMENTUM).orElse(null);
    if ((momentum == null) != (writtenMomentum == null)) {
      throw PyTorchWriter.unsupported("channels.momentum", "PyTorch cycles momentum only with CyclicLR and OneCycleLR, mirroring their"
          + " learning rate; this momentum channel is not such a mirror");
    }
    if (momentum != null) {
      WriteCheck.sameCurve(Plan.MOMENTUM, momentum, writtenMomentum);
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("optimizer").put("type", written.optimizer().type().upstreamName()).put("lr", written.optimizer().lr());
    root.set("scheduler", SchedulerJson.of(written.scheduler()));
    SchedulerCadence.write(root, cadence);
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
