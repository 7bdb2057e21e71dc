package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Phases that tile the timeline: phase i covers the steps from the sum of the lengths before it,
 * and sees a local step starting at 0. At and past the declared end the {@link AfterEnd} policy
 * applies. Immutable; construction runs {@link ScheduleRules#sequence} and refuses any error.
 */
public final class Sequence implements Schedule {
  /**
   * Up to this many phases, {@link #phaseIndex} scans the boundaries in order: a few predictable
   * comparisons beat a binary search's call and data-dependent branches. Beyond it, binary search.
   */
  private static final int LINEAR_SCAN_MAX_PHASES = 8;

  private final List<Phase> phases;
  private final AfterEnd afterEnd;
  /** starts[i] is the first step of phase i; starts[size] the declared end (or OPEN). */
  private final long[] starts;
  /**
   * shapes[i] and lengths[i] are phase i's shape and steps, flat so that {@link #valueAt(long)}
   * reads two arrays instead of a list, a phase record and its fields.
   */
  private final Shape[] shapes;
  private final long[] lengths;
  private final List<Violation> warnings;

  /**
   * @throws InvalidScheduleException with every violation of {@link ScheduleRules#sequence}
   */
  public Sequence(List<Phase> phases, AfterEnd afterEnd) {
    this.phases = List.copyOf(phases);
    this.afterEnd = Objects.requireNonNull(afterEnd, "afterEnd");
    List<Violation> found = ScheduleRules.sequence(this.phases, afterEnd);
    InvalidScheduleException.throwIfErrors(found);
    this.warnings = List.copyOf(found);
    this.starts = new long[this.phases.size() + 1];
    this.shapes = new Shape[this.phases.size()];
    this.lengths = new long[this.phases.size()];
    for (int i = 0; i < this.phases.size(); i++) {
      Phase phase = this.phases.get(i);
      starts[i + 1] = phase.isOpen() ? Phase.OPEN : starts[i] + phase.steps();
      shapes[i] = phase.shape();
      lengths[i] = phase.steps();
    }
  }

  /** A sequence that holds its last value after the end. */
  public Sequence(List<Phase> phases) {
    this(phases, AfterEnd.HOLD);
  }

  /** A one-phase schedule. */
  public static Sequence of(Shape shape, long steps, AfterEnd afterEnd) {
    return new Sequence(List.of(new Phase(shape, steps)), afterEnd);
  }

  @Override
  public double valueAt(long step) {
    Schedule.requireStep(step);
    int index = phaseIndex(step);
    return FiniteValues.at(step, index < 0 ? pastEnd(step) : shapes[index].valueAt(step - starts[index], lengths[index]));
  }

  @Override
  public double valueAt(long step, ScheduleState state) {
    Schedule.requireStep(step);
    int index = phaseIndex(step);
    if (index < 0) {
      return FiniteValues.at(step, pastEnd(step));
    }
    if (shapes[index] instanceof Plateau) {
      PlateauState plateau = state.plateau(path(index));
      if (plateau != null) {
        return FiniteValues.at(step, plateau.value());
      }
    }
    return FiniteValues.at(step, shapes[index].valueAt(step - starts[index], lengths[index]));
  }

  @Override
  public ScheduleState initialState() {
    return ScheduleState.EMPTY;
  }

  @Override
  public ScheduleState observe(ScheduleState state, long step, double metric) {
    Schedule.requireStep(step);
    int index = phaseIndex(step);
    if (index < 0 || !(phases.get(index).shape() instanceof Plateau plateau)) {
      return state;
    }
    PlateauState current = state.plateau(path(index));
    return state.with(path(index), plateau.observe(current == null ? plateau.initialState() : current, metric));
  }

  @Override
  public boolean isReactive() {
    return phases.stream().anyMatch(p -> p.shape() instanceof Plateau);
  }

  /** The index of the phase containing {@code step}, or -1 at or past the declared end. */
  private int phaseIndex(long step) {
    int count = shapes.length;
    if (count <= LINEAR_SCAN_MAX_PHASES) {
      for (int index = 0; index < count; index++) {
        if (step < starts[index + 1]) {
          return index;
        }
      }
      return -1;
    }
    if (step >= starts[count]) {
      return -1;
    }
    int found = Arrays.binarySearch(starts, 0, count, step);
    return found >= 0 ? found : -found - 2;
  }

  private double pastEnd(long step) {
    int last = shapes.length - 1;
    return switch (afterEnd) {
      case HOLD -> shapes[last].endValue(lengths[last]);
      case CONTINUE -> shapes[last].valueAt(step - starts[last], lengths[last]);
      case FAIL -> throw new InvalidScheduleException(RuleCode.stepBeyondEnd("step", step, starts[phases.size()]));
    };
  }

  private static String path(int index) {
    return "phases[" + index + "]";
  }

  @Override
  public Explanation explain(long step) {
    Schedule.requireStep(step);
    int index = phaseIndex(step);
    String note = "";
    if (index < 0) {
      index = phases.size() - 1;
      if (afterEnd == AfterEnd.FAIL) {
        valueAt(step);
      }
      note = afterEnd == AfterEnd.HOLD
          ? "past the declared end (" + starts[phases.size()] + "): holding the last phase's end value"
          : "past the declared end (" + starts[phases.size()] + "): continuing the last phase's formula";
    }
    Phase phase = phases.get(index);
    long local = step - starts[index];
    Map<String, Object> inputs = new LinkedHashMap<>();
    putInputs(phase.shape(), inputs);
    inputs.put("t", afterEnd == AfterEnd.HOLD && !note.isEmpty() ? phase.steps() : local);
    inputs.put("n", phase.isOpen() ? "open" : phase.steps());
    Shape shape = phase.shape();
    return new Explanation(step, valueAt(step), path(index), local, shape.kind(), ShapeNames.of(shape, phase.steps()),
        shape.formula(), inputs, List.of(), note);
  }

  /**
   * The parameters of {@code shape} by name. A wrapper ({@link Reversed}, {@link Shifted}) gives
   * the parameters of the shape it wraps, which its formula names, and its own ({@code by}), never
   * the wrapped record itself.
   */
  private static void putInputs(Shape shape, Map<String, Object> inputs) {
    for (RecordComponent component : shape.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(shape);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName() + " of " + shape, e);
      }
      if (value instanceof Shape inner) {
        putInputs(inner, inputs);
      } else {
        inputs.put(component.getName(), value);
      }
    }
  }

  @Override
  public OptionalLong declaredEnd() {
    long end = starts[phases.size()];
    return end == Phase.OPEN ? OptionalLong.empty() : OptionalLong.of(end);
  }

  @Override
  public AfterEnd afterEnd() {
    return afterEnd;
  }

  @Override
  public List<Phase> phases() {
    return phases;
  }

  /** The first step of phase {@code index}. */
  public long startOf(int index) {
    return starts[index];
  }

  @Override
  public Range range() {
    Range range = null;
    for (Phase phase : phases) {
      Range part = phase.shape().range(phase.steps());
      range = range == null ? part : range.union(part);
    }
    Phase last = phases.get(phases.size() - 1);
    if (afterEnd == AfterEnd.CONTINUE && !last.isOpen()) {
      range = range.union(last.shape().rangePastEnd(last.steps()));
    }
    return range;
  }

  @Override
  public List<Violation> warnings() {
    return warnings;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sequence that && phases.equals(that.phases) && afterEnd == that.afterEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(phases, afterEnd);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Phase phase : phases) {
      parts.add(phase.shape() + " for " + (phase.isOpen() ? "ever" : phase.steps() + " steps"));
    }
    return "Sequence" + parts + " then " + afterEnd;
  }
}
