package dev.anneal.schedule;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The explicit state of a schedule's reactive phases, keyed by the phase's path (e.g. {@code
 * phases[2]}). Immutable: {@link Schedule#observe} returns a new state. Schedules without reactive
 * phases use {@link #EMPTY} throughout.
 */
public record ScheduleState(Map<String, PlateauState> plateaus) {
  public static final ScheduleState EMPTY = new ScheduleState(Map.of());

  public ScheduleState {
    plateaus = Collections.unmodifiableMap(new TreeMap<>(plateaus));
  }

  /** The state of the plateau at {@code path}, or {@code null} before its first observation. */
  public PlateauState plateau(String path) {
    return plateaus.get(path);
  }

  /** A copy with the plateau at {@code path} replaced. */
  public ScheduleState with(String path, PlateauState state) {
    Map<String, PlateauState> copy = new TreeMap<>(plateaus);
    copy.put(path, state);
    return new ScheduleState(copy);
  }

  /** The states under {@code prefix} (a composite's part, e.g. {@code factors[1]}), with the prefix removed. */
  public ScheduleState part(String prefix) {
    Map<String, PlateauState> part = new TreeMap<>();
    plateaus.forEach((path, state) -> {
      if (path.startsWith(prefix + ".")) {
        part.put(path.substring(prefix.length() + 1), state);
      }
    });
    return new ScheduleState(part);
  }

  /** A copy in which the states under {@code prefix} are replaced by {@code part}. */
  public ScheduleState withPart(String prefix, ScheduleState part) {
    Map<String, PlateauState> copy = new TreeMap<>(plateaus);
    copy.keySet().removeIf(path -> path.startsWith(prefix + "."));
    part.plateaus().forEach((path, state) -> copy.put(prefix + "." + path, state));
    return new ScheduleState(copy);
  }
}
