package dev.anneal.config.megatron;

import dev.anneal.config.UpstreamName;
import dev.anneal.schedule.Segment;

/** Megatron's {@code --lr-wsd-decay-style}: the curve of the WSD anneal. */
enum WsdDecayStyle implements UpstreamName {
  EXPONENTIAL("exponential", Segment.Curve.EXPONENTIAL),
  LINEAR("linear", Segment.Curve.LINEAR),
  COSINE("cosine", Segment.Curve.COSINE),
  MINUS_SQRT("minus_sqrt", Segment.Curve.MINUS_SQRT);

  private final String flagValue;
  private final Segment.Curve curve;

  WsdDecayStyle(String flagValue, Segment.Curve curve) {
    this.flagValue = flagValue;
    this.curve = curve;
  }

  /** The value as the flag takes it. */
  @Override
  public String upstreamName() {
    return flagValue;
  }

  /** The coefficient Megatron anneals with, as a segment curve. */
  Segment.Curve curve() {
    return curve;
  }

  static WsdDecayStyle of(String flagValue) {
    return UpstreamName.of(WsdDecayStyle.class, flagValue, "--lr-wsd-decay-style");
  }

  static WsdDecayStyle of(Segment.Curve curve) {
    for (WsdDecayStyle style : values()) {
      if (style.curve == curve) {
        return style;
      }
    }
    throw new IllegalArgumentException("no WSD style for " + curve);
  }
}
