package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a config reader found while reading one input: errors and warnings together, in the order
 * found. A reader keeps going after an error so that one run reports everything; at the end it
 * calls {@link #throwIfErrors()}.
 */
public final class Problems {
  private final List<Violation> found = new ArrayList<>();

  public void add(Violation violation) {
    found.add(violation);
  }

  public void addAll(List<Violation> violations) {
    found.addAll(violations);
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(Violation::isError);
  }

  /**
   * @throws InvalidScheduleException with every error found so far, and the warnings found beside
   *     them in its {@link InvalidScheduleException#warnings()}
   */
  public void throwIfErrors() {
    InvalidScheduleException.throwIfErrors(found);
  }

  public List<Violation> warnings() {
    return found.stream().filter(v -> !v.isError()).toList();
  }

  public List<Violation> all() {
    return List.copyOf(found);
  }
}
