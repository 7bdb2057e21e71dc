package dev.anneal.config.pytorch;

import static dev.anneal.config.KnownSetting.modelled;
import static dev.anneal.config.KnownSetting.optimizer;

import dev.anneal.config.KnownSettings;
import java.util.List;

/**
 * The keyword arguments of the {@code optimizer} object of a {@code pytorch} config (torch 1.13's
 * SGD, Adam and AdamW) and what Anneal does with each: the learning rate is the base every
 * scheduler scales; the others are checked as torch checks them and named in an {@code
 * IgnoredSetting} note, since the schedule does not depend on them.
 */
final class PyTorchKeys {
  private static final String TRAIN_OPTIMIZER =
      "read into the config's optimizer, which anneal train applies as upstream does (docs/train.md); the schedule does not depend on it";

  static final KnownSettings OPTIMIZER_ARGUMENTS = KnownSettings.of(List.of(
      modelled("type", "the optimizer class"),
      modelled("lr", "the base learning rate every scheduler scales"),
      optimizer("momentum", "the optimizer's momentum, constant unless CyclicLR or OneCycleLR cycle it; " + TRAIN_OPTIMIZER),
      optimizer("betas", "Adam's betas, constant unless CyclicLR or OneCycleLR cycle β1; " + TRAIN_OPTIMIZER),
      optimizer("weight_decay", TRAIN_OPTIMIZER),
      optimizer("dampening", TRAIN_OPTIMIZER),
      optimizer("nesterov", TRAIN_OPTIMIZER),
      optimizer("eps", TRAIN_OPTIMIZER),
      optimizer("amsgrad", TRAIN_OPTIMIZER)));

  private PyTorchKeys() {}
}
