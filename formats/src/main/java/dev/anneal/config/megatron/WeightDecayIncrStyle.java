package dev.anneal.config.megatron;

/** Megatron's {@code --weight-decay-incr-style}: how weight decay moves over the training run. */
enum WeightDecayIncrStyle {
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
  String flagValue() {
    return flagValue;
  }

  static WeightDecayIncrStyle of(String flagValue) {
    for (WeightDecayIncrStyle style : values()) {
      if (style.flagValue.equals(flagValue)) {
        return style;
      }
    }
    throw new IllegalArgumentException("no --weight-decay-incr-style " + flagValue);
  }
}
