package dev.anneal.config.megatron;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recognises in a plan the schedule Megatron-LM's {@code OptimizerParamScheduler} would apply, and
 * gives its {@link SchedulerSettings}: the inverse of {@link MegatronCurves}. Megatron's learning
 * rate is a linear warm-up, then constant, linear, cosine, inverse-square-root or WSD decay to
 * {@code --min-lr}, held after; its weight decay is constant or rises linearly or along a cosine.
 * Anything else is {@code Unsupported}, with what Megatron lacks ({@link MegatronShapes}). The
 * caller checks the result by comparing curves ({@link PlanComparison}), so a recognised structure
 * with values Megatron cannot reproduce is refused too, with the first step that differs.
 */
final class PlanDecompiler {
  private PlanDecompiler() {}

  /** A phase with its first step. */
  private record Placed(Shape shape, long start, long steps) {
    long end() {
      return steps == Phase.OPEN ? Phase.OPEN : start + steps;
    }
  }

  /**
   * The learning-rate part of the settings; {@code increment} is the global batch size the curve
   * implies (inverse square root without warm-up), or 0 when it implies none.
   */
  private record Lr(
      double init, double max, double min, double warmup, long decay, DecayStyle style, Long wsd, WsdDecayStyle wsdStyle, long increment) {

    Lr(double init, double max, double min, double warmup, long decay, DecayStyle style, Long wsd, WsdDecayStyle wsdStyle) {
      this(init, max, min, warmup, decay, style, wsd, wsdStyle, 0);
    }
  }

  /** The weight-decay part; {@code incrUnits} is -1 when the plan does not say how long training is. */
  private record Wd(double start, double end, long incrUnits, WeightDecayIncrStyle style) {}

  static SchedulerSettings settings(Plan plan) {
    for (String channel : plan.channels().keySet()) {
      if (!channel.equals(Plan.LR) && !channel.equals(Plan.WEIGHT_DECAY)) {
        throw unsupported("channels." + channel,
            "Megatron has no " + channel.replace('_', ' ') + " schedule; its scheduler sets the learning rate and weight decay only");
      }
    }
    if (plan.lr() == null) {
      throw unsupported("channels", "Megatron's scheduler needs a learning rate; the plan has no lr channel");
    }
    List<Placed> lr = phases(plan.lr(), "channels.lr");
    List<Placed> wd = plan.findChannel(Plan.WEIGHT_DECAY).map(schedule -> phases(schedule, "channels.weight_decay")).orElse(List.of());
    long segments = unitsPerStep(lr, wd);
    Lr rate = learningRate(lr, segments);
    if (rate.min() > rate.max()) {
      // Megatron asserts --min-lr <= --lr: a plan that rises after its start (not in a warm-up) has no flags.
      throw unsupported("channels.lr", "Megatron's learning rate rises only in a linear warm-up that starts at the first update, then"
          + " decays from --lr to --min-lr; this plan's rises from " + Values.show(rate.max()) + " to " + Values.show(rate.min())
          + (rate.warmup() > 0 ? " after its warm-up" : " after its first phase"));
    }
    long n = rate.increment() > 0 ? rate.increment() : segments;
    Wd decay = wd.isEmpty() ? null : weightDecay(wd, n);
    long trainUnits = decay != null && decay.incrUnits() > 0 ? decay.incrUnits() : lrTrainUnits(lr, rate, n);
    if (decay == null || decay.incrUnits() < 0) {
      double value = decay == null ? 0.01 : decay.end();
      decay = new Wd(value, value, trainUnits, WeightDecayIncrStyle.CONSTANT);
    }
    long decaySteps = rate.decay() > 0 ? rate.decay() : Math.max(trainUnits, ((long) Math.floor(rate.warmup()) / n + 1) * n);
    boolean aligned = decaySteps % n == 0 && trainUnits % n == 0 && (rate.wsd() == null || rate.wsd() % n == 0);
    return new SchedulerSettings(
        rate.init(), rate.max(), rate.min(), rate.warmup(), decaySteps, rate.style(), rate.wsd(), rate.wsdStyle(),
        decay.start(), decay.end(), trainUnits, decay.style(), n, trainUnits / n, !aligned);
  }

  // ---- phases --------------------------------------------------------------------------------

  private static List<Placed> phases(Schedule schedule, String path) {
    double factor = 1;
    Schedule inner = schedule;
    if (inner instanceof Scaled scaled) {
      factor = scaled.factor();
      inner = scaled.schedule();
    }
    if (inner instanceof Product) {
      throw unsupported(path, "Megatron cannot multiply schedules (a chained schedule); write the product as one schedule");
    }
    if (inner instanceof Clocked) {
      // Megatron runs it (--step-batch-size-schedule), but the writer emits the flags of one batch size only.
      throw unsupported(path, "Anneal writes Megatron flags for a constant global batch only, and this schedule is clocked in samples or tokens"
          + " consumed (a batch-size schedule); write it as Anneal JSON, or remove the clock to write it per update");
    }
    if (!(inner instanceof Sequence sequence)) {
      throw unsupported(path, "Megatron cannot express a " + inner.getClass().getSimpleName() + " schedule");
    }
    List<Placed> out = new ArrayList<>();
    for (int i = 0; i < sequence.phases().size(); i++) {
      Phase phase = sequence.phases().get(i);
      out.add(new Placed(MegatronShapes.scale(MegatronShapes.supported(phase.shape(), path + ".phases[" + i + "]"), factor), sequence.startOf(i), phase.steps()));
    }
    Shape last = out.get(out.size() - 1).shape();
    if (sequence.afterEnd() == AfterEnd.CONTINUE && !(last instanceof Constant)) {
      throw unsupported(path + ".afterEnd",
          "Megatron holds the final value after the schedule ends; it cannot continue the " + last.kind() + " formula past its end (after-end CONTINUE)");
    }
    return out;
  }

  /** The samples per iteration the plan's segments count in; 1 if it has none. */
  private static long unitsPerStep(List<Placed> lr, List<Placed> wd) {
    TreeSet<Long> units = new TreeSet<>();
    for (List<Placed> channel : List.of(lr, wd)) {
      for (Placed placed : channel) {
        if (placed.shape() instanceof Segment segment) {
          units.add(segment.unitsPerStep());
        }
      }
    }
    if (units.size() > 1) {
      throw unsupported("channels", "the plan's segments count " + units + " units per step; Megatron has one global batch size");
    }
    return units.isEmpty() ? 1 : units.first();
  }

  // ---- learning rate ---------------------------------------------------------------------------

  private static Lr learningRate(List<Placed> phases, long n) {
    int i = 0;
    double init = 0;
    double warmup = 0;
    Double max = null;
    Placed first = phases.get(0);
    if (first.shape() instanceof Linear l && l.from() < l.to() && first.steps() != Phase.OPEN) {
      init = l.from();
      max = l.to();
      warmup = (double) first.steps() * n;
      i = 1;
    } else if (first.shape() instanceof Segment g && g.curve() == Segment.Curve.LINEAR && g.from() < g.to() && g.origin() == 0) {
      init = g.from();
      max = g.to();
      warmup = g.span();
      i = 1;
    }
    List<Placed> rest = phases.subList(i, phases.size());
    if (rest.isEmpty()) {
      return new Lr(init, max, 0, warmup, 0, DecayStyle.CONSTANT, null, WsdDecayStyle.EXPONENTIAL);
    }
    return new Decay(init, max, warmup, rest, n).of(rest.get(0).shape());
  }

  /**
   * The phases after the warm-up, starting with the decay ({@code rest.get(0)}): Megatron's decay
   * that gives the decay's shape; a shape with no decay of its own is a WSD anneal ({@link #wsd}),
   * which refuses the shapes Megatron lacks.
   */
  private record Decay(double init, Double max, double warmup, List<Placed> rest, long n) {
    private Placed decay() {
      return rest.get(0);
    }

    /** The warm-up's peak, or where the decay starts without one. */
    private double peak(Shape shape) {
      return max == null ? from(shape) : max;
    }

    /**
     * A decay right after a warm-up that ends between iterations would count from the warm-up's
     * end; one that counts from an iteration is a WSD anneal without a stable phase.
     */
    private Lr afterWarmupBetweenIterations(double peak) {
      return wsd(init, peak, warmup, decay(), n);
    }

    /** Megatron's decay that gives {@code shape}, the first phase after the warm-up. */
    Lr of(Shape shape) {
      return switch (ShapeKind.of(shape)) {
        case CONSTANT -> constant((Constant) shape);
        case LINEAR -> ownDecay(shape, ((Linear) shape).to(), DecayStyle.LINEAR);
        case COSINE -> ownDecay(shape, ((Cosine) shape).to(), DecayStyle.COSINE);
        case INVERSE_SQRT -> inverseSqrt((InverseSqrt) shape);
        case SEGMENT -> segment((Segment) shape);
        case EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, STEP, MILESTONES, CYCLIC, COSINE_RESTARTS, ONE_CYCLE,
            PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED, REVERSED,
            COSINE_HARD_RESTARTS -> wsd(init, peak(shape), warmup, decay(), n);
      };
    }

    private Lr constant(Constant c) {
      double peak = max == null ? c.value() : max;
      if (c.value() != peak) {
        // A drop right after the warm-up: a decay that ends on the first iteration after it.
        return new Lr(init, peak, c.value(), warmup, decay().start() * n, DecayStyle.LINEAR, null, WsdDecayStyle.EXPONENTIAL);
      }
      if (rest.size() == 1) {
        return new Lr(init, peak, 0, warmup, 0, DecayStyle.CONSTANT, null, WsdDecayStyle.EXPONENTIAL);
      }
      Placed next = rest.get(1);
      if (next.shape() instanceof InverseSqrt s && warmup == 0 && decay().steps() == 1) {
        requireEnd(next);
        // Without warm-up Megatron divides by sqrt(samples seen): the first decay value tells the batch size.
        long batch = Math.max(1, Math.round(Math.pow(c.value() / s.peak(), 2)));
        return new Lr(init, c.value(), s.floor(), 0, decayEnd(next.end() - 1, batch, 0), DecayStyle.INVERSE_SQUARE_ROOT, null,
            WsdDecayStyle.EXPONENTIAL, batch);
      }
      if (next.shape() instanceof Constant low) {
        long lastAtPeak = next.start() - 1;
        if ((double) lastAtPeak * n > warmup) {
          return new Lr(init, peak, low.value(), warmup, lastAtPeak * n, DecayStyle.WSD, 0L, WsdDecayStyle.EXPONENTIAL);
        }
        return new Lr(init, peak, low.value(), warmup, next.start() * n, DecayStyle.LINEAR, null, WsdDecayStyle.EXPONENTIAL);
      }
      return wsd(init, peak, warmup, next, n);
    }

    /** A linear or cosine decay of Megatron's own, to {@code to}. */
    private Lr ownDecay(Shape shape, double to, DecayStyle style) {
      double peak = peak(shape);
      if (warmup != decay().start() * (double) n) {
        return afterWarmupBetweenIterations(peak);
      }
      return new Lr(init, peak, to, warmup, decay().end() * n, style, null, WsdDecayStyle.EXPONENTIAL);
    }

    private Lr inverseSqrt(InverseSqrt s) {
      double peak = peak(s);
      requireEnd(decay());
      long last = decay().end() - 1;
      if (decayEnd(last, n, warmup) > last * n + n - 1) {
        // No decay length puts the end of the decay there: the phase is one step at the peak right
        // after the warm-up, then the floor, which a linear decay ending one iteration later gives.
        return new Lr(init, peak, s.floor(), warmup, (last + 1) * n, DecayStyle.LINEAR, null, WsdDecayStyle.EXPONENTIAL);
      }
      return new Lr(init, peak, s.floor(), warmup, decayEnd(last, n, warmup), DecayStyle.INVERSE_SQUARE_ROOT, null, WsdDecayStyle.EXPONENTIAL);
    }

    private Lr segment(Segment g) {
      double peak = peak(g);
      if (g.curve() != Segment.Curve.EXPONENTIAL && g.curve() != Segment.Curve.MINUS_SQRT && g.origin() == decay().start() * (double) n - warmup) {
        DecayStyle style = g.curve() == Segment.Curve.LINEAR ? DecayStyle.LINEAR : DecayStyle.COSINE;
        return new Lr(init, peak, g.to(), warmup, Math.round(warmup + g.span()), style, null, WsdDecayStyle.EXPONENTIAL);
      }
      return wsd(init, peak, warmup, decay(), n);
    }
  }

  /**
   * The decay steps that make {@code lastIteration} the last iteration of the decay: any count from
   * {@code lastIteration * n} to {@code lastIteration * n + n - 1} does, and Megatron needs one above
   * the warm-up; the smallest such.
   */
  private static long decayEnd(long lastIteration, long n, double warmup) {
    return Math.max(lastIteration * n, (long) Math.floor(warmup) + 1);
  }

  /**
   * Where a decay shape starts: Megatron's {@code --lr} when there is no warm-up; its value at step
   * 0 for shapes with no start of their own.
   */
  private static double from(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case LINEAR -> ((Linear) shape).from();
      case COSINE -> ((Cosine) shape).from();
      case ONE_MINUS_SQRT -> ((OneMinusSqrt) shape).from();
      case INVERSE_SQRT -> ((InverseSqrt) shape).peak();
      case SEGMENT -> ((Segment) shape).from();
      case CONSTANT, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, STEP, MILESTONES, CYCLIC, COSINE_RESTARTS, ONE_CYCLE, PLATEAU,
          LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED, REVERSED,
          COSINE_HARD_RESTARTS -> shape.valueAt(0, 1);
    };
  }

  /** A WSD anneal phase (after a stable phase, or right after the warm-up). */
  private static Lr wsd(double init, double max, double warmup, Placed anneal, long n) {
    return new Wsd(init, max, warmup, anneal, n).of(anneal.shape());
  }

  /** A WSD anneal phase, {@code anneal}, after a stable phase or right after the warm-up. */
  private record Wsd(double init, double max, double warmup, Placed anneal, long n) {
    /** The WSD anneal {@code shape} is, or {@code Unsupported} for a shape Megatron cannot anneal with. */
    Lr of(Shape shape) {
      return switch (ShapeKind.of(shape)) {
        case LINEAR -> anneal(WsdDecayStyle.LINEAR, ((Linear) shape).to());
        case COSINE -> anneal(WsdDecayStyle.COSINE, ((Cosine) shape).to());
        case ONE_MINUS_SQRT -> anneal(WsdDecayStyle.MINUS_SQRT, ((OneMinusSqrt) shape).to());
        case SEGMENT -> {
          Segment g = (Segment) shape;
          double start = anneal.start() * (double) n - g.origin();
          long annealUnits = Math.round(g.span());
          yield new Lr(init, max, g.to(), warmup, Math.round(start) + annealUnits, DecayStyle.WSD, annealUnits, WsdDecayStyle.of(g.curve()));
        }
        case CONSTANT, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, INVERSE_SQRT, STEP, MILESTONES, CYCLIC, COSINE_RESTARTS,
            ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED,
            REVERSED, COSINE_HARD_RESTARTS -> throw unsupported("channels.lr", "Megatron's learning rate is a linear warm-up,"
                + " then one constant, linear, cosine, inverse-square-root or WSD decay to --min-lr; this plan has a "
                + shape.kind() + " phase after it");
      };
    }

    /** An anneal of {@code style} to {@code min} over the whole phase, which must end. */
    private Lr anneal(WsdDecayStyle style, double min) {
      requireEnd(anneal);
      return new Lr(init, max, min, warmup, anneal.end() * n, DecayStyle.WSD, anneal.steps() * n, style);
    }
  }

  /** Megatron's decay ends at {@code --lr-decay-iters} (then holds {@code --min-lr}): a decay phase must end too. */
  private static void requireEnd(Placed decay) {
    if (decay.steps() == Phase.OPEN) {
      throw unsupported("channels.lr", "Megatron's decay ends; this plan's " + decay.shape().kind() + " phase runs forever");
    }
  }

  /** The training length the learning rate implies: its declared end, at least one step past the warm-up. */
  private static long lrTrainUnits(List<Placed> phases, Lr rate, long n) {
    long end = 0;
    for (Placed placed : phases) {
      if (placed.steps() != Phase.OPEN) {
        end = Math.max(end, placed.end());
      }
    }
    end = Math.max(end, (long) Math.floor(rate.warmup() / n) + 1);
    return end * n;
  }

  // ---- weight decay ------------------------------------------------------------------------------

  private static Wd weightDecay(List<Placed> phases, long n) {
    String shape = "Megatron's weight decay is constant, or rises linearly or along a cosine over the whole run (--weight-decay-incr-style)";
    if (phases.size() != 1) {
      throw unsupported("channels.weight_decay", shape + "; this plan's has " + phases.size() + " phases");
    }
    Placed only = phases.get(0);
    Shape s = only.shape();
    long units = only.steps() == Phase.OPEN ? -1 : only.steps() * n;
    return new WeightDecay(units, shape).of(s);
  }

  /** Megatron's weight decay over {@code units} (-1: unknown), or {@code Unsupported} starting with {@code expected}. */
  private record WeightDecay(long units, String expected) {
    /** The weight decay that gives {@code shape}: constant, or rising linearly or along a cosine. */
    Wd of(Shape shape) {
      return switch (ShapeKind.of(shape)) {
        case CONSTANT -> {
          Constant c = (Constant) shape;
          yield new Wd(c.value(), c.value(), units, WeightDecayIncrStyle.CONSTANT);
        }
        case LINEAR -> {
          Linear l = (Linear) shape;
          yield rising(l, l.from(), l.to(), WeightDecayIncrStyle.LINEAR);
        }
        case COSINE -> {
          Cosine c = (Cosine) shape;
          yield rising(c, c.from(), c.to(), WeightDecayIncrStyle.COSINE);
        }
        case SEGMENT -> segment((Segment) shape);
        case EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, INVERSE_SQRT, STEP, MILESTONES, CYCLIC,
            COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
            POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS -> refuse(shape, "");
      };
    }

    /** A linear or cosine weight decay from {@code from} to {@code to}, which Megatron only increases. */
    private Wd rising(Shape shape, double from, double to, WeightDecayIncrStyle style) {
      if (from <= to) {
        return new Wd(from, to, units, style);
      }
      return refuse(shape, " that falls (Megatron only increases weight decay)");
    }

    private Wd segment(Segment g) {
      if (g.origin() == 0 && g.from() <= g.to() && (g.curve() == Segment.Curve.LINEAR || g.curve() == Segment.Curve.COSINE)) {
        WeightDecayIncrStyle style = g.curve() == Segment.Curve.LINEAR ? WeightDecayIncrStyle.LINEAR : WeightDecayIncrStyle.COSINE;
        return new Wd(g.from(), g.to(), Math.round(g.span()), style);
      }
      return refuse(g, "");
    }

    private Wd refuse(Shape shape, String why) {
      throw unsupported("channels.weight_decay", expected + "; this plan's is a " + shape.kind() + why);
    }
  }

  static InvalidScheduleException unsupported(String path, String message) {
    return new InvalidScheduleException(ConfigCode.unsupported(path, null, "Megatron", message));
  }
}
