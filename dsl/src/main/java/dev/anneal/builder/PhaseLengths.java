package dev.anneal.builder;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.List;

/**
 * Resolves the lengths written in one phase (its length, a step size, milestones, a cycle's
 * halves) to the schedule's own steps, each measured from where the phase starts, by the draft's
 * {@link Draft.LengthResolver}: for a schedule counted in updates, the geometry's rounding rules
 * ({@link #inUpdates}, the same rules as Anneal JSON's {@code "every": {"epochs": 30}}); for one
 * on a sample or token clock, the clock's unit. A length that cannot be resolved is recorded and
 * counts 1, so that every problem of the schedule is reported at once.
 */
final class PhaseLengths {
  private final int phase;
  private final Draft.LengthResolver resolver;
  private final long start;
  private final List<Violation> found;

  /**
   * @param phase the phase's index, for paths
   * @param resolver turns a length into the schedule's own steps
   * @param start the updates before the phase
   * @param found where problems are recorded
   */
  PhaseLengths(int phase, Draft.LengthResolver resolver, long start, List<Violation> found) {
    this.phase = phase;
    this.resolver = resolver;
    this.start = start;
    this.found = found;
  }

  /**
   * {@code length}, written in the phase's {@code field} ({@code steps}, {@code every},
   * {@code milestones[1]}), in the schedule's own steps from the phase's start, or 1 with the
   * problem recorded.
   */
  long steps(String field, Length length) {
    return resolver.steps(phase, field, length, start, found);
  }

  /**
   * {@code length} of phase {@code phase}'s {@code field} in a schedule counted in steps of {@code
   * updatesPerStep} updates, measured from {@code start} updates by {@code geometry}'s rounding
   * ({@code null}: built without one, so only updates resolve), or 1 with the problem recorded.
   */
  static long inUpdates(int phase, String field, Length length, RunGeometry geometry, long start, long updatesPerStep,
      List<Violation> found) {
    String path = "phases[" + phase + "]." + field;
    if (geometry == null && length.unit() != Unit.UPDATES) {
      found.add(RuleCode.unitNeedsGeometry(path, field, length, length.unit().jsonName(), "a run geometry",
          "build with build(RunGeometry)"));
      return 1;
    }
    long updates;
    try {
      updates = length.unit() == Unit.UPDATES ? length.count() : geometry.updates(length, start, path);
    } catch (InvalidScheduleException e) {
      // The geometry names the field "steps"; here it may be a step size or a milestone.
      e.violations().forEach(v -> found.add(v.relocated(v.path(), "steps", field)));
      return 1;
    }
    if (updates % updatesPerStep != 0) {
      found.add(RuleCode.lengthOffCadence(path, field, length, updates, updatesPerStep));
      return 1;
    }
    return updates / updatesPerStep;
  }

  /**
   * Each of {@code milestones} in the schedule's own steps from the phase's start. One that cannot
   * be resolved stands in as one step past the one before, so it adds no second complaint about
   * the order.
   */
  List<Long> milestones(Length... milestones) {
    Long[] steps = new Long[milestones.length];
    for (int k = 0; k < milestones.length; k++) {
      int problems = found.size();
      long resolved = steps("milestones[" + k + "]", milestones[k]);
      steps[k] = found.size() > problems && k > 0 ? steps[k - 1] + 1 : resolved;
    }
    return List.of(steps);
  }
}
