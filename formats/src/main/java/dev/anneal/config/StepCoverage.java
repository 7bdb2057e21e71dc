package dev.anneal.config;

import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.TreeSet;

/**
 * Which steps {@code 0 … horizon - 1} must be evaluated to compare two schedules (with no metric
 * reported), and whether that covers every step. The horizon is cut at every phase boundary of
 * either schedule into pieces. A piece where both schedules run the same formula (the same phase
 * over the same steps, or the same constant value) is equal at every step without evaluating any:
 * it is <em>proven</em>. The other pieces are evaluated step by step while their steps add up to
 * at most {@link #BUDGET}; beyond it each piece gets its share of the budget (and at least {@link
 * #MIN_PER_PIECE} steps): its first and last steps densely and evenly spaced steps between, so no
 * phase of either schedule goes unvisited, but not every step is compared ({@link #complete()} is
 * false). {@code anneal diff} and {@link Conversion} compare the same steps.
 */
public final class StepCoverage {
  /** Evaluated steps, at most (plus {@link #MIN_PER_PIECE} per piece where there are very many pieces). */
  public static final long BUDGET = 20_000_000;

  /** A sampled piece gets at least this many evaluated steps. */
  static final long MIN_PER_PIECE = 16;

  /** The steps evaluated one by one at either end of a sampled piece, at most. */
  private static final long EDGE = 1_000;

  /** Steps {@code from, from + stride, …} below {@code from + count}. */
  private record Run(long from, long count, long stride) {
    long size() {
      return (count + stride - 1) / stride;
    }
  }

  private final long horizon;
  private final List<Run> runs;
  private final long evaluated;
  private final long proven;

  private StepCoverage(long horizon, List<Run> runs, long proven) {
    this.horizon = horizon;
    this.runs = List.copyOf(runs);
    this.evaluated = runs.stream().mapToLong(Run::size).sum();
    this.proven = proven;
  }

  /**
   * The steps to evaluate to compare {@code a} and {@code b} at steps {@code 0 … horizon - 1}.
   *
   * @throws IllegalArgumentException if {@code horizon < 1}
   */
  public static StepCoverage of(Schedule a, Schedule b, long horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon " + horizon + " must be at least 1");
    }
    TreeSet<Long> cuts = new TreeSet<>();
    addBoundaries(a, cuts);
    addBoundaries(b, cuts);
    List<long[]> open = new ArrayList<>();
    long proven = 0;
    long unproven = 0;
    long start = 0;
    for (long cut : cuts.subSet(1L, true, horizon, false)) {
      if (sameFormula(a, b, start)) {
        proven += cut - start;
      } else {
        open.add(new long[] {start, cut - start});
        unproven += cut - start;
      }
      start = cut;
    }
    if (sameFormula(a, b, start)) {
      proven += horizon - start;
    } else {
      open.add(new long[] {start, horizon - start});
      unproven += horizon - start;
    }
    List<Run> runs = new ArrayList<>();
    for (long[] piece : open) {
      long from = piece[0];
      long length = piece[1];
      // Within the budget, every step; beyond it, the piece's share of it (long arithmetic: pieces may be 2^62 steps long).
      long share = unproven <= BUDGET ? length : Math.max(MIN_PER_PIECE, (long) ((double) BUDGET * length / unproven));
      if (share >= length) {
        runs.add(new Run(from, length, 1));
        continue;
      }
      long edge = Math.min(EDGE, share / 4);
      long middle = length - 2 * edge;
      long middleSamples = Math.max(1, share - 2 * edge);
      long stride = middle / middleSamples + (middle % middleSamples == 0 ? 0 : 1);
      runs.add(new Run(from, edge, 1));
      runs.add(new Run(from + edge, middle, stride));
      runs.add(new Run(from + length - edge, edge, 1));
    }
    runs.removeIf(run -> run.count() == 0);
    return new StepCoverage(horizon, runs, proven);
  }

  /** The number of steps compared, {@code 0 … horizon - 1}. */
  public long horizon() {
    return horizon;
  }

  /** Whether every step of the horizon is evaluated or proven equal. */
  public boolean complete() {
    return evaluated + proven == horizon;
  }

  /** How many steps are evaluated. */
  public long evaluated() {
    return evaluated;
  }

  /** How many steps are proven equal without being evaluated (both schedules run the same formula there). */
  public long proven() {
    return proven;
  }

  /** How many steps are neither evaluated nor proven: 0 when {@link #complete()}. */
  public long skipped() {
    return horizon - evaluated - proven;
  }

  /** The steps to evaluate, in increasing order. */
  public PrimitiveIterator.OfLong steps() {
    return new PrimitiveIterator.OfLong() {
      private int run;
      private long offset;

      @Override
      public boolean hasNext() {
        return run < runs.size();
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Run current = runs.get(run);
        long step = current.from() + offset;
        if (offset > current.count() - 1 - current.stride()) {
          run++;
          offset = 0;
        } else {
          offset += current.stride();
        }
        return step;
      }
    };
  }

  /** The first step of every phase of {@code schedule} and its declared end, through scaling and products. */
  static void addBoundaries(Schedule schedule, TreeSet<Long> into) {
    if (schedule instanceof Sequence sequence) {
      for (int i = 0; i <= sequence.phases().size(); i++) {
        long start = sequence.startOf(i);
        if (start != Phase.OPEN) {
          into.add(start);
        }
      }
    } else if (schedule instanceof Product product) {
      product.factors().forEach(factor -> addBoundaries(factor, into));
    } else if (schedule instanceof Scaled scaled) {
      addBoundaries(scaled.schedule(), into);
    }
  }

  /**
   * Whether {@code a} and {@code b} compute every step from {@code step} to the next boundary of
   * either with the same formula on the same inputs: then they give the same double there.
   */
  private static boolean sameFormula(Schedule a, Schedule b, long step) {
    Object left = formulaAt(a, step);
    return left != null && left.equals(formulaAt(b, step));
  }

  /**
   * What decides the value of {@code schedule} from {@code step} to its next boundary: a constant
   * value, a phase and its first step, or the refusal past an after-end FAIL, scaled or
   * multiplied; {@code null} for a schedule of another kind.
   */
  private static Object formulaAt(Schedule schedule, long step) {
    if (schedule instanceof Scaled scaled) {
      Object inner = formulaAt(scaled.schedule(), step);
      return inner == null ? null : List.of("scaled", scaled.factor(), inner);
    }
    if (schedule instanceof Product product) {
      List<Object> factors = new ArrayList<>();
      for (Schedule factor : product.factors()) {
        Object part = formulaAt(factor, step);
        if (part == null) {
          return null;
        }
        factors.add(part);
      }
      return List.of("product", factors);
    }
    if (!(schedule instanceof Sequence sequence)) {
      return null;
    }
    List<Phase> phases = sequence.phases();
    if (step < sequence.startOf(phases.size())) {
      // The last phase starting at or before the step (binary search: a plan may have many phases, and every piece asks).
      int low = 0;
      int high = phases.size() - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (sequence.startOf(middle) <= step) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      Phase phase = phases.get(low);
      return phase.shape() instanceof Constant constant ? value(constant.value()) : List.of("phase", phase, sequence.startOf(low));
    }
    Phase last = phases.get(phases.size() - 1);
    return switch (sequence.afterEnd()) {
      case HOLD -> value(last.shape().endValue(last.steps()));
      case CONTINUE -> List.of("continued", last, sequence.startOf(phases.size() - 1));
      case FAIL -> List.of("refused");
    };
  }

  /** A constant value, equal to another only with the same bits ({@link Double#equals}). */
  private static Object value(double value) {
    return List.of("value", value);
  }

  @Override
  public String toString() {
    return "StepCoverage[horizon=" + horizon + ", evaluated=" + evaluated + ", proven=" + proven + "]";
  }
}
