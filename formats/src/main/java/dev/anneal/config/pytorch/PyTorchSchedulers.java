package dev.anneal.config.pytorch;

import dev.anneal.config.Imported;
import dev.anneal.config.SettledEnd;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch compatibility presets: builds the Anneal plan that a {@code torch.optim.lr_scheduler}
 * scheduler produces on an optimizer, step for step, as the newest PyTorch 2.x or torch 1.13 runs it
 * ({@link TorchVersion}).
 *
 * <pre>{@code
 * Imported resnet = PyTorchSchedulers.build(PyTorchOptimizer.sgd(0.1, 0.9), new StepLR(30));
 * double lr = resnet.plan().lr().valueAt(45); // 0.01, the rate of update 46
 * }</pre>
 *
 * The plan has channel {@code lr}, and {@code momentum} where the scheduler cycles it (SGD's
 * momentum or Adam's β1). Warnings describe the upstream quirks it reproduces (a repeated
 * milestone, a cosine that rises again past {@code T_max}, a one-cycle that bounces back at {@code
 * total_steps}, a first update at learning rate 0).
 */
public final class PyTorchSchedulers {
  /** The name of the format, as {@code anneal curve --format} takes it. */
  public static final String FORMAT = "pytorch";

  private PyTorchSchedulers() {}

  /**
   * The plan {@code scheduler} produces on {@code optimizer}, with its warnings. Violations name
   * PyTorch's keyword arguments ({@code step_size}, {@code schedulers[1].T_max}) and the optimizer's
   * ({@code optimizer.lr}).
   *
   * @throws InvalidScheduleException listing every invalid argument
   */
  public static Imported build(PyTorchOptimizer optimizer, PyTorchScheduler scheduler) {
    return build(optimizer, scheduler, TorchVersion.DEFAULT);
  }

  /**
   * {@link #build(PyTorchOptimizer, PyTorchScheduler)} as {@code version}'s {@code lr_scheduler.py}
   * runs it (they differ on nested compositions and on what they refuse; see {@link TorchVersion}).
   *
   * @throws InvalidScheduleException listing every invalid argument, and what {@code version} refuses
   */
  public static Imported build(PyTorchOptimizer optimizer, PyTorchScheduler scheduler, TorchVersion version) {
    return build(optimizer, scheduler, version, KwargsPaths.JAVA);
  }

  /** {@link #build(PyTorchOptimizer, PyTorchScheduler, TorchVersion)} with violations at the paths of {@code where}. */
  static Imported build(PyTorchOptimizer optimizer, PyTorchScheduler scheduler, TorchVersion version, KwargsPaths where) {
    List<Violation> found = new ArrayList<>();
    for (Violation violation : optimizer.check()) {
      found.add(violation.under(where.optimizer()));
    }
    // A chain multiplies the learning rate it finds: the optimizer's, whatever initial_lr its members set.
    double base = scheduler instanceof ChainedScheduler ? optimizer.lr() : ParamGroup.initialLrAfter(scheduler, ParamGroup.UNSET, optimizer.lr());
    Context context = new Context(optimizer, base, false, version, where, found);
    Member member = Presets.member(scheduler, context);
    if (member != null && scheduler instanceof CosineAnnealingLR cosine) {
      Violation rises = cosine.risesPastEnd(where, context.base());
      if (rises != null) {
        found.add(rises);
      }
    }
    InvalidScheduleException.throwIfErrors(found);
    if (member == null) {
      throw new IllegalStateException(scheduler.type() + " reported no error but built nothing; please report this");
    }
    // A scheduler whose curve settles on a value it keeps (LinearLR, ConstantLR) declares its end there.
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, SettledEnd.settled(member.lr()));
    if (member.cyclesMomentum()) {
      channels.put(Plan.MOMENTUM, SettledEnd.settled(member.momentum()));
    }
    Plan plan;
    try {
      plan = new Plan(channels);
    } catch (InvalidScheduleException e) {
      // The checks above are meant to catch everything the plan's rules refuse; if one slips
      // through, report it at the scheduler rather than fail without a path.
      throw new InvalidScheduleException(e.violations().stream().map(v -> v.under(where.prefix())).toList());
    }
    if (member.lr().valueAt(0) == 0) {
      String key = member.startPath().substring(member.startPath().lastIndexOf('.') + 1);
      found.add(RuleCode.firstUpdateAtZero(member.startPath(), 0.0, key + " is 0"));
    }
    return new Imported(FORMAT, plan, found.stream().filter(v -> !v.isError()).toList());
  }
}
