package dev.anneal.builder;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.ScheduleRules;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule with one or more phases declared: add another with {@link #then()}, choose what
 * happens after the end with {@link #afterEnd}, and {@link #build()}. Immutable: every method
 * returns a new draft, so a draft can be stored and extended in different ways.
 */
public final class Draft {
  static final Draft EMPTY = new Draft(List.of(), List.of(), AfterEnd.HOLD);

  private final List<Shape> shapes;
  private final List<Long> lengths;
  private final AfterEnd afterEnd;

  private Draft(List<Shape> shapes, List<Long> lengths, AfterEnd afterEnd) {
    this.shapes = shapes;
    this.lengths = lengths;
    this.afterEnd = afterEnd;
  }

  Draft append(Shape shape, long steps) {
    List<Shape> moreShapes = new ArrayList<>(shapes);
    moreShapes.add(shape);
    List<Long> moreLengths = new ArrayList<>(lengths);
    moreLengths.add(steps);
    return new Draft(List.copyOf(moreShapes), List.copyOf(moreLengths), afterEnd);
  }

  /** Declares the next phase, which by default starts where this one ends. */
  public NextPhase then() {
    int last = shapes.size() - 1;
    return new NextPhase(this, shapes.get(last).endValue(lengths.get(last)));
  }

  /**
   * What happens at and past the end of the last phase; if never called, {@link AfterEnd#HOLD}.
   */
  public Draft afterEnd(AfterEnd policy) {
    return new Draft(shapes, lengths, java.util.Objects.requireNonNull(policy, "policy"));
  }

  /**
   * The schedule.
   *
   * @throws InvalidScheduleException listing every violation of every phase (paths {@code
   *     phases[i].field}) and of the sequence
   */
  public Sequence build() {
    List<Violation> found = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      List<Violation> ofPhase = ScheduleRules.phase(shapes.get(i), lengths.get(i));
      for (Violation violation : ofPhase) {
        if (violation.isError()) {
          found.add(violation.under("phases[" + i + "]"));
        }
      }
      if (ofPhase.stream().noneMatch(Violation::isError)) {
        phases.add(new Phase(shapes.get(i), lengths.get(i)));
      }
    }
    if (!found.isEmpty()) {
      throw new InvalidScheduleException(found);
    }
    return new Sequence(phases, afterEnd); // throws with the sequence's own violations, if any
  }
}
