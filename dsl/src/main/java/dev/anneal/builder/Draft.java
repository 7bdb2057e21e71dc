package dev.anneal.builder;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.RuleSet;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A schedule with one or more phases declared: add another with {@link #then()}, choose what
 * happens after the end with {@link #afterEnd}, and {@link #build()}. Immutable: every method
 * returns a new draft, so a draft can be stored and extended in different ways.
 */
public final class Draft {
  static final Draft EMPTY = new Draft(List.of(), List.of(), AfterEnd.HOLD);

  private final List<Shape> shapes;
  /** Each phase's length as written; {@code null} for {@link LengthStep#forever()}. */
  private final List<Long> lengths;
  private final AfterEnd afterEnd;

  private Draft(List<Shape> shapes, List<Long> lengths, AfterEnd afterEnd) {
    this.shapes = shapes;
    this.lengths = lengths;
    this.afterEnd = afterEnd;
  }

  /** This draft and one more phase; {@code steps} is {@code null} for a phase that never ends. */
  Draft append(Shape shape, Long steps) {
    List<Shape> moreShapes = new ArrayList<>(shapes);
    moreShapes.add(shape);
    List<Long> moreLengths = new ArrayList<>(lengths);
    moreLengths.add(steps);
    return new Draft(List.copyOf(moreShapes), java.util.Collections.unmodifiableList(moreLengths), afterEnd);
  }

  /** The model's length of phase {@code i}: {@link Phase#OPEN} for a phase that never ends. */
  private long length(int i) {
    Long written = lengths.get(i);
    return written == null ? Phase.OPEN : written;
  }

  /** Declares the next phase, which by default starts where this one ends. */
  public NextPhase then() {
    int last = shapes.size() - 1;
    return new NextPhase(this, shapes.get(last).endValue(length(last)));
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
    List<OptionalLong> declared = new ArrayList<>();
    for (Long written : lengths) {
      declared.add(written == null ? OptionalLong.empty() : OptionalLong.of(written));
    }
    // The model spells "forever" as Long.MAX_VALUE; a length written as that number is a length,
    // and one that no phase can have: it is refused, never read as forever.
    InvalidScheduleException.throwIfErrors(RuleSet.schedule(shapes, declared, afterEnd,
        path -> RuleCode.outOfRange(path, "steps", Phase.OPEN,
            "[1, " + (Phase.OPEN - 1) + "]; call forever() for a last phase that never ends")));
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      phases.add(new Phase(shapes.get(i), length(i)));
    }
    return new Sequence(phases, afterEnd);
  }
}
