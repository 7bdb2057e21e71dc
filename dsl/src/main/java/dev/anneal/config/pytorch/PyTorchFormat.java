package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pytorch} config format: an optimizer and a {@code torch.optim.lr_scheduler} scheduler
 * with its constructor's keyword arguments (torch 1.13).
 *
 * <pre>{@code
 * {"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
 *  "scheduler": {"type": "StepLR", "kwargs": {"step_size": 30, "gamma": 0.1}}}
 * }</pre>
 *
 * For {@code SequentialLR} and {@code ChainedScheduler}, {@code kwargs.schedulers} is a list of
 * {@code {"type", "kwargs"}} objects, built in that order on the same optimizer. The plan has
 * channel {@code lr}, and {@code momentum} where the scheduler cycles it. Every problem of a file
 * is reported at once, at its JSON path ({@code scheduler.kwargs.step_size}).
 */
public final class PyTorchFormat implements ConfigFormat {
  @Override
  public String name() {
    return PyTorchSchedulers.FORMAT;
  }

  @Override
  public Imported read(String text) {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject(text, problems);
    JsonFields optimizerFields = root.requireObject("optimizer");
    JsonFields schedulerFields = root.requireObject("scheduler");
    root.rejectUnknownKeys();
    PyTorchOptimizer optimizer = optimizerFields == null ? null : OptimizerReader.read(optimizerFields);
    PyTorchScheduler scheduler = schedulerFields == null ? null : new SchedulerReader(problems).read(schedulerFields, true);
    if (optimizer == null || scheduler == null) {
      problems.throwIfErrors();
    }
    List<Violation> errors = new ArrayList<>(problems.all().stream().filter(Violation::isError).toList());
    Imported imported;
    try {
      imported = PyTorchSchedulers.build(optimizer, scheduler, Where.JSON);
    } catch (InvalidScheduleException e) {
      errors.addAll(e.violations());
      throw new InvalidScheduleException(errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    List<Violation> warnings = new ArrayList<>(problems.warnings());
    warnings.addAll(imported.warnings());
    return new Imported(name(), imported.plan(), warnings);
  }

  @Override
  public String write(Plan plan) {
    throw new InvalidScheduleException(Code.UNSUPPORTED.at("", null, "writing a pytorch config is not available yet"));
  }
}
