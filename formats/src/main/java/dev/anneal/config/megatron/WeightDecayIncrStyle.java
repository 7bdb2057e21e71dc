package dev.anneal.config.megatron;

import dev.anneal.config.UpstreamName;

/** Megatron's {@code --weight-decay-incr-style}: how weight decay moves over the training run. */
enum WeightDecayIncrStyle implements UpstreamName {
  /** {@code --weight-decay} throughout. */
  CONSTANT("constant"),
  /** A straight line from {@code --start-weight-decay} to {@code --end-weight-decay}. */
  LINEAR("linear"),
  /** Half a cosine rising from {@code --start-weight-decay} to {@code --end-weight-decay}. */
  COSINE("cosine");

  private final String flagValue;

  WeightDecayIncrStyle(String flagValue) {
    this.flagValue = flagValue;
  }

  /** The value as the flag takes it. */
  @Override
  public String upstreamName() {
    return flagValue;
  }

  static WeightDecayIncrStyle of(String flagValue) {
    return UpstreamName.of(WeightDecayIncrStyle.class, flagValue, "--weight-decay-incr-style");
  }
}
