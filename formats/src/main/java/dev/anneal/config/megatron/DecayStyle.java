package dev.anneal.config.megatron;

import dev.anneal.config.UpstreamName;

/** Megatron's {@code --lr-decay-style}: what the learning rate does after the warm-up. */
enum DecayStyle implements UpstreamName {
  /** Stay at {@code --lr}. */
  CONSTANT("constant"),
  /** A straight line from {@code --lr} to {@code --min-lr} at the end of the decay. */
  LINEAR("linear"),
  /** Half a cosine from {@code --lr} to {@code --min-lr}. */
  COSINE("cosine"),
  /** {@code --lr * sqrt(warm-up / step)}, floored at {@code --min-lr}, then {@code --min-lr} after the decay. */
  INVERSE_SQUARE_ROOT("inverse-square-root"),
  /** Warm-up, stable at {@code --lr}, then an anneal of {@code --lr-wsd-decay-iters} to {@code --min-lr}. */
  WSD("WSD");

  private final String flagValue;

  DecayStyle(String flagValue) {
    this.flagValue = flagValue;
  }

  /** The value as the flag takes it. */
  @Override
  public String upstreamName() {
    return flagValue;
  }

  static DecayStyle of(String flagValue) {
    return UpstreamName.of(DecayStyle.class, flagValue, "--lr-decay-style");
  }
}
