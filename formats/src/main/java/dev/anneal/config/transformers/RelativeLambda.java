package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineHardRestarts;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
import dev.anneal.schedule.Shifted;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A learning-rate schedule seen as transformers sees one: a base learning rate times a relative
 * {@code lambda}, its phases in a normal form so that schedules with the same values at every step
 * compare equal (a held end becomes an open constant phase, equal constants merge, a flat line is a
 * constant).
 *
 * @param base the learning rate the lambda is relative to
 * @param phases the lambda's phases, in normal form
 * @param afterEnd {@link AfterEnd#HOLD} when the last phase is open, else {@link AfterEnd#CONTINUE}
 * @param exact whether {@code base * lambda} is the schedule itself ({@link Scaled}), rather than
 *     absolute values divided by the peak (equal only up to rounding)
 */
record RelativeLambda(double base, List<Phase> phases, AfterEnd afterEnd, boolean exact) {
  static final String PATH = "channels.lr";

  RelativeLambda {
    phases = List.copyOf(phases);
  }

  /**
   * The relative view of {@code lr}.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming what transformers lacks
   */
  static RelativeLambda of(Schedule lr) {
    if (lr instanceof Scaled scaled && scaled.schedule() instanceof Sequence sequence) {
      checkShapes(sequence);
      return normal(scaled.factor(), sequence.phases(), sequence.afterEnd(), true);
    }
    if (lr instanceof Sequence sequence) {
      checkShapes(sequence);
      double peak = sequence.range().max();
      if (!(peak > 0) || !Double.isFinite(peak)) {
        throw unsupported(PATH, "transformers schedules are relative to a learning rate above 0; this schedule never rises above "
            + Values.show(peak));
      }
      List<Phase> relative = new ArrayList<>();
      for (Phase phase : sequence.phases()) {
        relative.add(new Phase(divide(phase.shape(), peak), phase.steps()));
      }
      return normal(peak, relative, sequence.afterEnd(), false);
    }
    if (lr instanceof Product) {
      throw unsupported(PATH, "transformers has no product of schedules (ChainedScheduler): a LambdaLR has one lambda");
    }
    throw unsupported(PATH, "transformers has no equivalent of a " + lr.getClass().getSimpleName() + " schedule");
  }

  /** The phases in words, for messages: {@code linear over 100 steps, cosine over 900 steps, then continue}. */
  String describe() {
    String listed = phases.stream()
        .map(p -> p.shape().kind() + (p.isOpen() ? " for ever" : " over " + p.steps() + " steps"))
        .collect(Collectors.joining(", "));
    return afterEnd == AfterEnd.CONTINUE ? listed + ", then its formula continues" : listed;
  }

  private static RelativeLambda normal(double base, List<Phase> given, AfterEnd afterEnd, boolean exact) {
    if (afterEnd == AfterEnd.FAIL) {
      throw unsupported(PATH + ".afterEnd", "transformers schedules have no end: after-end FAIL cannot be written (use HOLD or CONTINUE)");
    }
    List<Phase> phases = new ArrayList<>();
    for (Phase phase : given) {
      Shape shape = flat(phase.shape());
      Phase previous = phases.isEmpty() ? null : phases.get(phases.size() - 1);
      if (previous != null && shape instanceof Constant c && previous.shape().equals(c)) {
        phases.set(phases.size() - 1, new Phase(c, phase.isOpen() ? Phase.OPEN : previous.steps() + phase.steps()));
      } else {
        phases.add(new Phase(shape, phase.steps()));
      }
    }
    Phase last = phases.get(phases.size() - 1);
    if (last.isOpen()) {
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    PastEnd pastEnd = pastEnd(last.shape());
    if (afterEnd == AfterEnd.CONTINUE && pastEnd == PastEnd.SAME_FORMULA) {
      // Its formula does not depend on the phase's length: continued, it is the open-ended phase.
      phases.set(phases.size() - 1, new Phase(last.shape(), Phase.OPEN));
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    if (afterEnd == AfterEnd.HOLD || pastEnd == PastEnd.FLAT) {
      Constant held = new Constant(last.shape().endValue(last.steps()));
      if (last.shape().equals(held)) {
        phases.set(phases.size() - 1, new Phase(held, Phase.OPEN));
      } else {
        phases.add(new Phase(held, Phase.OPEN));
      }
      return new RelativeLambda(base, phases, AfterEnd.HOLD, exact);
    }
    return new RelativeLambda(base, phases, AfterEnd.CONTINUE, exact);
  }

  /**
   * The same lambda with every shape of power 1 and every reversed line written as a line: equal to
   * it up to rounding only
   * (except from 1 to 0, where they are the same numbers), so only for comparisons that then check
   * the values step by step.
   */
  RelativeLambda loose() {
    List<Phase> lines = new ArrayList<>();
    for (Phase phase : phases) {
      Shape shape = phase.shape();
      if (shape instanceof Polynomial p && p.power() == 1) {
        shape = new Linear(p.from(), p.to());
      } else if (shape instanceof Reversed r && r.inner() instanceof Linear line) {
        shape = new Linear(line.to(), line.from());
      }
      lines.add(new Phase(shape, phase.steps()));
    }
    return new RelativeLambda(base, lines, afterEnd, false);
  }

  /** A shape with the same values written the one way: a flat line as a {@link Constant}, 1 - t/n as a line. */
  private static Shape flat(Shape shape) {
    if (shape instanceof Linear line && line.from() == line.to()) {
      return new Constant(line.from());
    }
    if (shape instanceof Polynomial p && p.from() == 1 && p.to() == 0 && p.power() == 1) {
      // 0 + 1 * (1 - t/n)^1 and 1 + (0 - 1) * (t/n) are the same double at every t.
      return new Linear(1, 0);
    }
    return shape;
  }

  /** What a last phase of a lambda does past its end, as transformers writes it. */
  private enum PastEnd {
    /** Its formula does not depend on the phase's length: continued, it is the open-ended phase. */
    SAME_FORMULA,
    /** It stays at its end value past its end (a constant, a cosine with hard restarts). */
    FLAT,
    /** It continues a formula that depends on the phase's length. */
    CONTINUED
  }

  /** What {@code shape} does past its end as the last phase of a lambda. */
  private static PastEnd pastEnd(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case INVERSE_SQRT -> PastEnd.SAME_FORMULA;
      case CONSTANT, COSINE_HARD_RESTARTS -> PastEnd.FLAT;
      case LINEAR, COSINE, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, STEP, MILESTONES, CYCLIC,
          COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, SEGMENT -> PastEnd.CONTINUED;
    };
  }

  /** The shapes transformers has nothing like, reported at the first phase that has one. */
  private static void checkShapes(Sequence sequence) {
    for (int i = 0; i < sequence.phases().size(); i++) {
      String lacks = lacks(sequence.phases().get(i).shape());
      if (lacks != null) {
        throw unsupported(PATH + ".phases[" + i + "]", lacks);
      }
    }
  }

  /** What transformers lacks to run {@code shape}, or {@code null} where it has an equivalent. */
  private static String lacks(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case EXPONENTIAL, EXPONENTIAL_TO -> "transformers has no exponential decay";
      case STEP -> "transformers has no step decay";
      case MILESTONES -> "transformers has no multi-step (milestones) decay";
      case CYCLIC, STAIR_CYCLE -> "transformers has no cyclic schedule";
      case COSINE_RESTARTS -> "transformers has no cosine with warm restarts of a given period (its hard restarts split"
          + " num_training_steps into equal cycles)";
      case ONE_CYCLE -> "transformers has no one-cycle schedule";
      case PLATEAU -> "transformers has no closed-form plateau schedule (reduce_lr_on_plateau follows evaluation metrics)";
      case LOG_WARMUP -> "transformers has no logarithmic warm-up (its warm-ups are linear from 0)";
      case LINEAR_GROWTH -> "transformers has no learning-rate range test (growth without end)";
      case INVERSE_TIME -> "transformers has no inverse-time decay";
      case POST_CYCLE_MOMENTUM -> "transformers has no momentum schedule";
      case SHIFTED -> lacks(((Shifted) shape).inner());
      case REVERSED -> lacks(((Reversed) shape).inner());
      // A segment is not lacking a feature as such: divide refuses it as having no equivalent.
      case CONSTANT, LINEAR, COSINE, POLYNOMIAL, ONE_MINUS_SQRT, INVERSE_SQRT, COSINE_HARD_RESTARTS, SEGMENT -> null;
    };
  }

  /**
   * {@code shape}'s values divided by {@code peak} (only shapes that pass {@link #lacks}); a shape
   * transformers cannot run has no equivalent.
   */
  private static Shape divide(Shape shape, double peak) {
    return switch (ShapeKind.of(shape)) {
      case CONSTANT -> new Constant(((Constant) shape).value() / peak);
      case LINEAR -> {
        Linear s = (Linear) shape;
        yield new Linear(s.from() / peak, s.to() / peak);
      }
      case COSINE -> {
        Cosine s = (Cosine) shape;
        yield new Cosine(s.from() / peak, s.to() / peak, s.cycles());
      }
      case POLYNOMIAL -> {
        Polynomial s = (Polynomial) shape;
        yield new Polynomial(s.from() / peak, s.to() / peak, s.power());
      }
      case ONE_MINUS_SQRT -> {
        OneMinusSqrt s = (OneMinusSqrt) shape;
        yield new OneMinusSqrt(s.from() / peak, s.to() / peak);
      }
      case INVERSE_SQRT -> {
        InverseSqrt s = (InverseSqrt) shape;
        yield new InverseSqrt(s.peak() / peak, s.timescale(), s.floor() / peak);
      }
      case SHIFTED -> {
        Shifted s = (Shifted) shape;
        yield new Shifted(divide(s.inner(), peak), s.by());
      }
      case REVERSED -> new Reversed(divide(((Reversed) shape).inner(), peak));
      case COSINE_HARD_RESTARTS -> {
        CosineHardRestarts s = (CosineHardRestarts) shape;
        yield new CosineHardRestarts(s.from() / peak, s.to() / peak, s.cycles());
      }
      case EXPONENTIAL, EXPONENTIAL_TO, STEP, MILESTONES, CYCLIC, COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP,
          LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SEGMENT ->
          throw unsupported(PATH, "transformers has no equivalent of a " + shape.kind() + " phase");
    };
  }

  static InvalidScheduleException unsupported(String path, String why) {
    return new InvalidScheduleException(ConfigCode.unsupported(path, null, "transformers", why));
  }
}
