package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import java.util.List;

/**
 * What building schedulers does to the optimizer's param group, which the schedulers of a
 * composition read: every scheduler's {@code base_lrs} is the group's {@code initial_lr} once it
 * is built, which the first scheduler sets ({@code setdefault}, from the learning rate, which
 * {@code CyclicLR} has just set to its {@code base_lr}) and every {@code OneCycleLR} overwrites
 * with {@code max_lr / div_factor}. Schedulers are built in the order a config lists them, members
 * before the composite that holds them.
 */
final class ParamGroup {
  private ParamGroup() {}

  /** The group's {@code initial_lr} before any scheduler is built. */
  static final double UNSET = Double.NaN;

  /**
   * The group's {@code initial_lr} once {@code scheduler} (and, for a composite, its members) is
   * built on an optimizer with learning rate {@code lr}, given its value {@code before}.
   */
  static double initialLrAfter(PyTorchScheduler scheduler, double before, double lr) {
    if (scheduler instanceof SequentialLR sequential) {
      return initialLrAfter(sequential.schedulers(), before, lr);
    }
    if (scheduler instanceof ChainedScheduler chained) {
      return initialLrAfter(chained.schedulers(), before, lr);
    }
    if (scheduler instanceof OneCycleLR oneCycle) {
      return oneCycle.initialLr();
    }
    if (!Double.isNaN(before)) {
      return before;
    }
    return scheduler instanceof CyclicLR cyclic ? cyclic.baseLr() : lr;
  }

  private static double initialLrAfter(List<PyTorchScheduler> members, double before, double lr) {
    double initial = before;
    for (PyTorchScheduler member : members) {
      initial = initialLrAfter(member, initial, lr);
    }
    return initial;
  }

  /**
   * The {@code base_lrs[0]} of each of {@code members}, built in order on an optimizer with
   * learning rate {@code lr} before which no scheduler was built.
   */
  static double[] builtBases(List<PyTorchScheduler> members, double lr) {
    double[] bases = new double[members.size()];
    double initial = UNSET;
    for (int i = 0; i < members.size(); i++) {
      initial = initialLrAfter(members.get(i), initial, lr);
      bases[i] = initial;
    }
    return bases;
  }

  /** Whether {@code scheduler} sets the learning rate from its own values each step instead of multiplying it. */
  static boolean absolute(PyTorchScheduler scheduler) {
    return scheduler instanceof CyclicLR || scheduler instanceof OneCycleLR || scheduler instanceof CosineAnnealingWarmRestarts;
  }

  /**
   * The factor by which torch 2.x's first step of {@code scheduler} differs when it is stepped from
   * {@code last_epoch = -1} outside its initial mode, as {@code SequentialLR.recursive_undo} leaves
   * the members of a composite that is a {@code SequentialLR}'s first scheduler: {@code
   * ExponentialLR} and {@code PolynomialLR} test {@code _is_initial} where 1.13 tested {@code
   * last_epoch == 0}, so they already apply one step's ratio there. NaN where Anneal does not
   * reproduce that step ({@code CosineAnnealingLR}, whose recursive step then adds to the learning
   * rate rather than scaling it).
   */
  static double firstStepOutsideInitialMode(PyTorchScheduler scheduler) {
    if (scheduler instanceof ExponentialLR exponential) {
      return exponential.gamma();
    }
    if (scheduler instanceof PolynomialLR polynomial) {
      // decay_factor at last_epoch 0: ((1 - 0 / T) / (1 - (0 - 1) / T)) ** power
      double t = polynomial.totalIters();
      return Math.pow((1.0 - 0 / t) / (1.0 - (0 - 1) / t), polynomial.power());
    }
    if (scheduler instanceof CosineAnnealingLR) {
      return Double.NaN;
    }
    return 1.0;
  }

  /**
   * The factor a multiplicative scheduler applies at its step 0, which torch 1.13's nested {@code
   * SequentialLR} skips: {@code start_factor}, {@code factor}, {@code gamma} per milestone 0; 1
   * for the others.
   */
  static double firstFactor(PyTorchScheduler scheduler) {
    if (scheduler instanceof LinearLR linear) {
      return linear.startFactor();
    }
    if (scheduler instanceof ConstantLR constant) {
      return constant.factor();
    }
    if (scheduler instanceof MultiStepLR multiStep) {
      return Math.pow(multiStep.gamma(), multiStep.milestones().stream().filter(m -> m == 0).count());
    }
    return 1.0;
  }

  /**
   * {@link #firstStepOutsideInitialMode} for member {@code index} of the composite of {@code
   * context}, with a warning where it changes the first value; NaN after reporting an error where
   * upstream refuses that step or Anneal does not reproduce it.
   */
  static double firstStepFactor(Context context, PyTorchScheduler scheduler, int index) {
    String path = context.where().of("schedulers[" + index + "]");
    String name = scheduler.type() + " (schedulers[" + index + "])";
    if (scheduler instanceof PolynomialLR polynomial && polynomial.totalIters() == 0) {
      context.add(ConfigCode.notImportable(path, scheduler.type(), "PyTorch", "torch 2.x steps " + name + " once outside its"
          + " initial mode when SequentialLR starts, and with total_iters 0 that step divides by 0 (upstream raises"
          + " ZeroDivisionError); give total_iters of at least 1"));
      return Double.NaN;
    }
    double factor = firstStepOutsideInitialMode(scheduler);
    if (Double.isNaN(factor)) {
      context.add(ConfigCode.notImportable(path, scheduler.type(), "PyTorch", "torch 2.x steps " + name + " once outside its"
          + " initial mode when SequentialLR starts, and that step adds to the learning rate instead of scaling it; Anneal does"
          + " not reproduce it: give " + scheduler.type() + " to the outer SequentialLR directly"));
    } else if (factor != 1.0) {
      context.add(PyTorchCode.firstStepOutsideInitialMode(path, name, factor));
    }
    return factor;
  }
}
