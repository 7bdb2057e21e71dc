package dev.anneal.config.pytorch;

import static dev.anneal.config.KnownSetting.modelled;
import static dev.anneal.config.KnownSetting.noEffect;

import dev.anneal.config.KnownSettings;
import java.util.List;

/**
 * The keyword arguments of the {@code optimizer} object of a {@code pytorch} config (torch 1.13's
 * SGD, Adam and AdamW) and what Anneal does with each: the learning rate is the base every
 * scheduler scales; the others are checked as torch checks them and named in an {@code
 * IgnoredSetting} note, since the schedule does not depend on them.
 */
final class PyTorchKeys {
  private static final String OPTIMIZER = "an optimizer setting: the learning-rate schedule does not depend on it";

  static final KnownSettings OPTIMIZER_ARGUMENTS = KnownSettings.of(List.of(
      modelled("type", "the optimizer class"),
      modelled("lr", "the base learning rate every scheduler scales"),
      noEffect("momentum", "the optimizer's momentum is not scheduled: it stays constant, or CyclicLR and OneCycleLR replace it with"
          + " the momentum they cycle"),
      noEffect("betas", "Adam's betas are not scheduled: they stay constant, or CyclicLR and OneCycleLR replace β1 with the momentum"
          + " they cycle"),
      noEffect("weight_decay", "the optimizer's weight decay is a constant, outside the plan"),
      noEffect("dampening", OPTIMIZER),
      noEffect("nesterov", OPTIMIZER),
      noEffect("eps", OPTIMIZER),
      noEffect("amsgrad", OPTIMIZER)));

  private PyTorchKeys() {}
}
