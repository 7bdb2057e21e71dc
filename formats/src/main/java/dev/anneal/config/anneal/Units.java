package dev.anneal.config.anneal;

import dev.anneal.geometry.RunGeometry;

/**
 * What lengths are read against: the file's {@code "geometry"} (or {@code null} when it has none)
 * and the updates one step of the schedule being read spans (1 unless a {@code "cadence"} says
 * otherwise).
 */
record Units(RunGeometry geometry, long updatesPerStep) {
  static final Units UPDATES_ONLY = new Units(null, 1);

  Units stepping(long updates) {
    return new Units(geometry, updates);
  }
}
