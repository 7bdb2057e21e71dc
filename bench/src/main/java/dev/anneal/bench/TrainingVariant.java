package dev.anneal.bench;

/** What drives the optimizer of a training benchmark; everything else is the same {@link SmallModel}. */
public enum TrainingVariant {
  /** DJL's {@code Sgd}, momentum 0.9 and weight decay 1e-4, fixed learning rate: the baseline of the SGD variants. */
  SGD_FIXED,
  /** DJL's {@code Sgd} as above, learning rate from DJL's {@code WarmUpTracker} around {@code CosineTracker}. */
  SGD_DJL_TRACKERS,
  /** DJL's {@code Sgd} as above, learning rate from Anneal's tracker, with Anneal's listener. */
  SGD_ANNEAL_TRACKER,
  /** Anneal's {@code ScheduledSgd}: learning rate, momentum and weight decay scheduled, with the listener. */
  SGD_SCHEDULED,
  /** As {@code SGD_SCHEDULED} in PyTorch's momentum form: element-wise engine operations instead of DJL's fused kernel. */
  SGD_SCHEDULED_PYTORCH_FORM,
  /** DJL's {@code AdamW}, weight decay 0.01, fixed learning rate: the baseline of the AdamW variant. */
  ADAMW_FIXED,
  /** Anneal's {@code ScheduledAdam.adamW}: learning rate, β1 and weight decay scheduled, with the listener. */
  ADAMW_SCHEDULED;

  /** The variant this one is compared with: DJL's own optimizer at a fixed learning rate (itself for those). */
  TrainingVariant baseline() {
    return name().startsWith("SGD") ? SGD_FIXED : ADAMW_FIXED;
  }
}
