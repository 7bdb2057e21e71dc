package dev.anneal.config.anneal;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Clock;

/**
 * What lengths are read against: the file's {@code "geometry"} (or {@code null} when it has none),
 * the updates one step of the schedule being read spans (1 unless a {@code "cadence"} says
 * otherwise), and the clock a {@code "clock"} gives it ({@code null}: lengths become updates).
 */
record Units(RunGeometry geometry, long updatesPerStep, Clock clock) {
  static final Units UPDATES_ONLY = new Units(null, 1);

  Units(RunGeometry geometry, long updatesPerStep) {
    this(geometry, updatesPerStep, null);
  }

  Units stepping(long updates) {
    return new Units(geometry, updates, clock);
  }

  /** Lengths in {@code clock}'s unit: a schedule clocked in samples or tokens. */
  Units clocked(Clock clock) {
    return new Units(geometry, 1, clock);
  }
}
