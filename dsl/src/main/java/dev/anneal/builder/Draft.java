package dev.anneal.builder;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.RuleSet;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A schedule with one or more phases declared: add another with {@link #then()}, choose what
 * happens after the end with {@link #afterEnd}, and {@link #build()}. Immutable: every method
 * returns a new draft, so a draft can be stored and extended in different ways.
 *
 * <p>Lengths given in epochs, samples or tokens ({@link LengthStep#over(Length)}) are resolved to
 * updates by {@link #build(RunGeometry)}, each measured from where its phase starts ({@link
 * RunGeometry#updates(Length, long, String)}); a schedule stepped per epoch or every few updates is
 * built through {@link #steppedPerEpoch()} or {@link #steppedEvery(long)}. Step sizes and milestones
 * in units ({@link Schedules#stepDecay(double, Length, double)}) are resolved the same way, from
 * where their phase starts. A phase that starts where the previous one ends takes that phase's
 * value at its resolved end, so the value is known only when the schedule is built.
 */
public final class Draft {
  static final Draft EMPTY = new Draft(List.of(), List.of(), List.of(), AfterEnd.HOLD);

  /** Each phase's shape, made at build time. */
  private final List<ShapeRecipe> shapes;
  /** Each phase's length as a bare count; {@code null} for {@link LengthStep#forever()} or a length in a unit. */
  private final List<Long> lengths;
  /** Each phase's length in a unit, or {@code null} where it is a bare count or forever. */
  private final List<Length> unitLengths;
  private final AfterEnd afterEnd;

  private Draft(List<ShapeRecipe> shapes, List<Long> lengths, List<Length> unitLengths, AfterEnd afterEnd) {
    this.shapes = shapes;
    this.lengths = lengths;
    this.unitLengths = unitLengths;
    this.afterEnd = afterEnd;
  }

  /**
   * This draft and one more phase: {@code steps} a bare count, or {@code length} in a unit, or
   * both {@code null} for a phase that never ends.
   */
  Draft append(ShapeRecipe shape, Long steps, Length length) {
    List<ShapeRecipe> moreShapes = new ArrayList<>(shapes);
    moreShapes.add(shape);
    List<Long> moreLengths = new ArrayList<>(lengths);
    moreLengths.add(steps);
    List<Length> moreUnits = new ArrayList<>(unitLengths);
    moreUnits.add(length);
    return new Draft(List.copyOf(moreShapes), Collections.unmodifiableList(moreLengths), Collections.unmodifiableList(moreUnits), afterEnd);
  }

  /** Declares the next phase, which by default starts where this one ends. */
  public NextPhase then() {
    return new NextPhase(this);
  }

  /**
   * What happens at and past the end of the last phase; if never called, {@link AfterEnd#HOLD}.
   */
  public Draft afterEnd(AfterEnd policy) {
    return new Draft(shapes, lengths, unitLengths, Objects.requireNonNull(policy, "policy"));
  }

  /** This schedule stepped once per epoch; its bare lengths then count epochs. Built with a geometry. */
  public SteppedDraft steppedPerEpoch() {
    return new SteppedDraft(this, 0);
  }

  /** This schedule stepped after every {@code updates} updates; its bare lengths then count those steps. */
  public SteppedDraft steppedEvery(long updates) {
    return new SteppedDraft(this, updates);
  }

  /**
   * This schedule counted in samples or tokens consumed rather than updates, as Megatron-LM's
   * scheduler counts samples: its bare lengths then count the clock's unit, and lengths in samples
   * or tokens are converted exactly. Built with a geometry, whose batch schedule says what each
   * update consumes.
   */
  public ClockedDraft clockedIn(Clock clock) {
    return new ClockedDraft(this, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The schedule, every length a bare count of updates.
   *
   * @throws InvalidScheduleException listing every violation of every phase (paths {@code
   *     phases[i].field}) and of the sequence; ({@code UnitNeedsGeometry}) for a length in epochs,
   *     samples or tokens
   */
  public Sequence build() {
    return build(null, 1);
  }

  /**
   * The schedule, lengths in any unit resolved to updates against {@code geometry} (the rounding
   * rules are {@link RunGeometry}'s).
   *
   * @throws InvalidScheduleException as {@link #build()}, and ({@code UnitNeedsGeometry}) where the
   *     geometry lacks what a unit needs
   */
  public Sequence build(RunGeometry geometry) {
    return build(Objects.requireNonNull(geometry, "geometry"), 1);
  }

  /**
   * The schedule in its own steps of {@code updatesPerStep} updates: bare counts are taken as
   * they are, lengths in units become updates and then whole steps.
   */
  Sequence build(RunGeometry geometry, long updatesPerStep) {
    return buildResolved((i, field, length, start, found) -> PhaseLengths.inUpdates(i, field, length, geometry, start, updatesPerStep, found),
        updatesPerStep);
  }

  /**
   * Turns a length in a unit written in phase {@code i}'s {@code field} ({@code steps}, {@code
   * every}, {@code milestones[k]}) into the schedule's own steps, measured from {@code start}
   * updates, or records why not and returns 1.
   */
  interface LengthResolver {
    long steps(int i, String field, Length length, long start, List<Violation> found);
  }

  /** The schedule, each length in a unit turned into its own steps by {@code resolver}. */
  Sequence buildResolved(LengthResolver resolver, long updatesPerStep) {
    List<Violation> found = new ArrayList<>();
    List<Shape> made = new ArrayList<>();
    List<OptionalLong> declared = new ArrayList<>();
    long start = 0; // in updates: where the next phase starts, for lengths measured from there
    double previousEnd = Double.NaN;
    for (int i = 0; i < shapes.size(); i++) {
      PhaseLengths units = new PhaseLengths(i, resolver, start, found);
      Shape shape = shapes.get(i).make(previousEnd, units);
      Length length = unitLengths.get(i);
      Long written = length == null ? lengths.get(i) : Long.valueOf(units.steps("steps", length));
      made.add(shape);
      declared.add(written == null ? OptionalLong.empty() : OptionalLong.of(written));
      if (i + 1 < shapes.size()) {
        // Only a phase that is followed has its end value taken, as then() did before lengths in units.
        previousEnd = shape.endValue(written == null ? Phase.OPEN : written);
      }
      if (written != null) {
        start = saturatedAdd(start, saturatedMultiply(written, updatesPerStep));
      }
    }
    // The model spells "forever" as Long.MAX_VALUE; a length written as that number is a length,
    // and one that no phase can have: it is refused, never read as forever.
    found.addAll(RuleSet.schedule(made, declared, afterEnd,
        path -> RuleCode.outOfRange(path, "steps", Phase.OPEN,
            "[1, " + (Phase.OPEN - 1) + "]; call forever() for a last phase that never ends")));
    InvalidScheduleException.throwIfErrors(found);
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < made.size(); i++) {
      phases.add(new Phase(made.get(i), declared.get(i).orElse(Phase.OPEN)));
    }
    return new Sequence(phases, afterEnd);
  }

  /** Phases too long to add up are reported by the sequence rules; here the sum only saturates. */
  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static long saturatedMultiply(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
