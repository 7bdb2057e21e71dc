package dev.anneal.config.deepspeed;

import dev.anneal.config.UpstreamName;

/** DeepSpeed's {@code warmup_type}: how the {@code WarmupLR} family rises during its warm-up. */
enum WarmupType implements UpstreamName {
  /** {@code min + (max - min) * ln(k + 1) / ln(warmup_num_steps)}: DeepSpeed's default. */
  LOG("log"),
  /** {@code min + (max - min) * k / warmup_num_steps}. */
  LINEAR("linear");

  private final String key;

  WarmupType(String key) {
    this.key = key;
  }

  /** The value as a ds_config writes it. */
  @Override
  public String upstreamName() {
    return key;
  }

  static WarmupType byKey(String key) {
    return UpstreamName.find(WarmupType.class, key).orElse(null);
  }
}
