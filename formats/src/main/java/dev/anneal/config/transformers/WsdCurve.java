package dev.anneal.config.transformers;

import dev.anneal.config.UpstreamName;
import java.util.List;

/** The curves {@code get_wsd_schedule} offers for its warm-up ({@code warmup_type}) and decay ({@code decay_type}). */
public enum WsdCurve implements UpstreamName {
  /** A straight line. */
  LINEAR("linear"),
  /** Half a cosine (the decay follows {@code num_cycles}). */
  COSINE("cosine"),
  /** {@code 1 - sqrt(1 - progress)} up, {@code 1 - sqrt(progress)} down. */
  ONE_MINUS_SQRT("1-sqrt");

  private final String upstreamName;

  WsdCurve(String upstreamName) {
    this.upstreamName = upstreamName;
  }

  /** The name transformers uses, e.g. {@code 1-sqrt}. */
  @Override
  public String upstreamName() {
    return upstreamName;
  }

  /** Every upstream name, in upstream's order. */
  public static List<String> upstreamNames() {
    return UpstreamName.names(WsdCurve.class);
  }

  /** The curve named {@code name} in transformers. */
  public static WsdCurve byUpstreamName(String name) {
    return UpstreamName.of(WsdCurve.class, name, "WSD curve");
  }
}
