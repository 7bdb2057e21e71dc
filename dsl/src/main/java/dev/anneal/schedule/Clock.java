package dev.anneal.schedule;

import java.util.Locale;

/**
 * What a {@link Clocked} schedule counts instead of updates: the samples, or the tokens, consumed
 * before each update. Megatron-LM's {@code OptimizerParamScheduler} runs on samples: it is stepped
 * by each iteration's global batch.
 */
public enum Clock {
  /** Training examples consumed before the update. */
  SAMPLES,
  /** Tokens consumed before the update: samples times the sequence length. */
  TOKENS;

  /** The name Anneal JSON and messages use: {@code samples} or {@code tokens}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The clock whose {@link #jsonName()} is {@code name}, or {@code null}. */
  public static Clock byJsonName(String name) {
    for (Clock clock : values()) {
      if (clock.jsonName().equals(name)) {
        return clock;
      }
    }
    return null;
  }
}
