package dev.anneal.config.pytorch;

import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;

/**
 * One of the schedulers of {@code torch.optim.lr_scheduler} (torch 1.13), with PyTorch's parameter
 * names (in camelCase) and defaults. Each is an immutable value; {@link #build} turns it into an
 * Anneal plan that reproduces PyTorch's learning rate (and momentum, where the scheduler cycles it)
 * at every step, together with warnings about the upstream quirks it reproduces.
 *
 * <p>Arguments are checked in {@link #build}, all at once, exactly where PyTorch raises (plus
 * Anneal's rules: no NaN, infinite or negative learning rate at any step); each violation names
 * PyTorch's keyword argument, e.g. {@code [NonPositiveLength] step_size: step_size (0) must be at
 * least 1}.
 */
public sealed interface PyTorchScheduler
    permits StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR,
        CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, ReduceLROnPlateau, SequentialLR, ChainedScheduler {

  /** The class name in {@code torch.optim.lr_scheduler}, e.g. {@code StepLR}. */
  String type();

  /**
   * The plan PyTorch produces when this scheduler drives {@code optimizer}: channel {@code lr}, and
   * {@code momentum} where the scheduler cycles it.
   *
   * @throws InvalidScheduleException listing every invalid argument
   */
  default Imported build(PyTorchOptimizer optimizer) {
    return PyTorchSchedulers.build(optimizer, this);
  }
}
