package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
import dev.anneal.schedule.StepDecay;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the PyTorch scheduler (and optimizer learning rate) that reproduces a plan: one scheduler
 * per phase, or per phase and the constant that PyTorch holds after it, joined by a {@code
 * SequentialLR} when there are several; a schedule scaled by a base value becomes factors of the
 * optimizer's learning rate, a product of them a {@code ChainedScheduler}. What PyTorch cannot
 * express is an {@code Unsupported} violation naming what it lacks.
 */
final class PyTorchWriter {
  /** A scheduler and the optimizer learning rate it multiplies. */
  record Written(PyTorchOptimizer optimizer, PyTorchScheduler scheduler) {}

  /** One member of the result and how many steps it runs ({@link Phase#OPEN}: for ever). */
  private record Segment(PyTorchScheduler scheduler, long steps) {}

  private final Plan plan;

  private PyTorchWriter(Plan plan) {
    this.plan = plan;
  }

  /** @throws InvalidScheduleException ({@code Unsupported}) naming what PyTorch lacks */
  static Written write(Plan plan) {
    for (String channel : plan.channels().keySet()) {
      if (!channel.equals(Plan.LR) && !channel.equals(Plan.MOMENTUM)) {
        throw unsupported("channels." + channel, "PyTorch's learning-rate schedulers do not schedule " + channel);
      }
    }
    if (plan.lr() == null) {
      throw unsupported("channels", "a pytorch config needs a learning-rate channel (lr)");
    }
    return new PyTorchWriter(plan).lr(plan.lr());
  }

  private Written lr(Schedule lr) {
    if (lr instanceof Scaled scaled && scaled.schedule() instanceof Sequence relative) {
      return new Written(PyTorchOptimizer.sgd(scaled.factor()), join(segments(relative, 1.0)));
    }
    if (lr instanceof Scaled scaled && scaled.schedule() instanceof Product product) {
      List<PyTorchScheduler> members = new ArrayList<>();
      for (Schedule factor : product.factors()) {
        if (!(factor instanceof Sequence sequence)) {
          throw unsupported("channels.lr", "PyTorch's ChainedScheduler multiplies schedulers; a factor that is itself a composite has no scheduler");
        }
        List<Segment> segments = segments(sequence, 1.0);
        if (segments.size() != 1) {
          throw unsupported("channels.lr", "PyTorch's ChainedScheduler cannot hold a SequentialLR");
        }
        members.add(segments.get(0).scheduler());
      }
      return new Written(PyTorchOptimizer.sgd(scaled.factor()), new ChainedScheduler(members));
    }
    if (lr instanceof Sequence sequence) {
      double base = base(sequence.phases());
      OwnLr own = ownLr(sequence.phases().get(0).shape());
      double optimizerLr = own != null ? own.optimizerLr() : base;
      return new Written(PyTorchOptimizer.sgd(optimizerLr), join(segments(sequence, base)));
    }
    throw unsupported("channels.lr", "Anneal writes a pytorch config from a sequence of phases, a scaled one, or a scaled product; not from "
        + lr.getClass().getSimpleName());
  }

  /** One scheduler on its own, or a {@code SequentialLR} with the milestones where each next one starts. */
  private static PyTorchScheduler join(List<Segment> segments) {
    if (segments.size() == 1) {
      return segments.get(0).scheduler();
    }
    List<PyTorchScheduler> members = new ArrayList<>();
    List<Long> milestones = new ArrayList<>();
    long at = 0;
    for (Segment segment : segments) {
      members.add(segment.scheduler());
      if (segment.steps() != Phase.OPEN && milestones.size() < segments.size() - 1) {
        at += segment.steps();
        milestones.add(at);
      }
    }
    for (PyTorchScheduler member : members.subList(1, members.size())) {
      if (member instanceof OneCycleLR || member instanceof ReduceLROnPlateau) {
        throw unsupported("channels.lr", member.type() + " can run in a SequentialLR only as the first scheduler (torch 1.13)");
      }
    }
    return new SequentialLR(members, milestones);
  }

  /**
   * The learning rate every chainable member of a {@code SequentialLR} multiplies (the param
   * group's {@code initial_lr}): fixed by a first {@code CyclicLR} or {@code OneCycleLR}, else by
   * the start of a phase whose scheduler starts at it, else the largest value (factors are at most 1).
   */
  private static double base(List<Phase> phases) {
    OwnLr own = ownLr(phases.get(0).shape());
    if (own != null) {
      return own.base();
    }
    double largest = 0;
    for (Phase phase : phases) {
      Shape shape = phase.shape();
      Double from = startsAtBase(shape);
      if (from != null) {
        return from;
      }
      largest = Math.max(largest, largestFactor(shape));
    }
    return largest;
  }

  /**
   * The learning rates a first scheduler with absolute values sets itself: the base its chained
   * members multiply, and the optimizer's learning rate written beside it.
   */
  private record OwnLr(double base, double optimizerLr) {}

  /** The {@link OwnLr} of {@code shape} where its PyTorch scheduler sets absolute learning rates, else {@code null}. */
  private static OwnLr ownLr(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case CYCLIC -> {
        Cyclic cyclic = (Cyclic) shape;
        yield new OwnLr(cyclic.base(), cyclic.max());
      }
      case ONE_CYCLE -> {
        OneCycle oneCycle = (OneCycle) shape;
        // max_lr / div_factor, as PyTorch computes it
        yield new OwnLr(oneCycle.peak() / (oneCycle.peak() / oneCycle.start()), oneCycle.peak());
      }
      case CONSTANT, LINEAR, COSINE, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, STEP, MILESTONES,
          INVERSE_SQRT, COSINE_RESTARTS, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> null;
    };
  }

  /**
   * The largest value the scheduler of {@code shape} (ConstantLR, LinearLR) takes as a factor of the
   * base learning rate, so the base must be at least that; 0 for shapes that say nothing about the
   * base.
   */
  private static double largestFactor(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case CONSTANT -> ((Constant) shape).value();
      case LINEAR -> {
        Linear linear = (Linear) shape;
        yield Math.max(linear.from(), linear.to());
      }
      case COSINE, EXPONENTIAL, EXPONENTIAL_TO, POLYNOMIAL, ONE_MINUS_SQRT, INVERSE_SQRT, STEP, MILESTONES, CYCLIC,
          COSINE_RESTARTS, ONE_CYCLE, PLATEAU, LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME,
          POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> 0.0;
    };
  }

  /** The start of a shape whose scheduler always starts at the base learning rate, or {@code null}. */
  private static Double startsAtBase(Shape shape) {
    BaseStart start = baseStart(shape);
    return start == null ? null : start.from();
  }

  /** Where a scheduler that always starts at the base learning rate starts, and that scheduler's name. */
  private record BaseStart(double from, String scheduler) {}

  /** The {@link BaseStart} of {@code shape}, or {@code null} where its scheduler need not start at the base learning rate. */
  private static BaseStart baseStart(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case COSINE -> new BaseStart(((Cosine) shape).from(), "CosineAnnealingLR");
      case EXPONENTIAL -> new BaseStart(((Exponential) shape).from(), "ExponentialLR");
      case POLYNOMIAL -> new BaseStart(((Polynomial) shape).from(), "PolynomialLR");
      case STEP -> new BaseStart(((StepDecay) shape).from(), "StepLR");
      case MILESTONES -> new BaseStart(((Milestones) shape).from(), "MultiStepLR");
      case COSINE_RESTARTS -> new BaseStart(((CosineRestarts) shape).from(), "CosineAnnealingWarmRestarts");
      case PLATEAU -> new BaseStart(((Plateau) shape).initial(), "ReduceLROnPlateau");
      case CONSTANT, LINEAR, EXPONENTIAL_TO, ONE_MINUS_SQRT, INVERSE_SQRT, CYCLIC, ONE_CYCLE, LOG_WARMUP, LINEAR_GROWTH,
          STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED, REVERSED, COSINE_HARD_RESTARTS, SEGMENT -> null;
    };
  }

  private List<Segment> segments(Sequence sequence, double base) {
    List<Phase> phases = sequence.phases();
    AfterEnd afterEnd = sequence.afterEnd();
    List<Segment> out = new ArrayList<>();
    long start = 0;
    int i = 0;
    while (i < phases.size()) {
      Phase phase = phases.get(i);
      Phase next = i + 1 < phases.size() ? phases.get(i + 1) : null;
      boolean last = next == null;
      Shape shape = phase.shape();
      String path = "channels.lr.phases[" + i + "]";
      BaseStart baseStart = baseStart(shape);
      if (baseStart != null && baseStart.from() != base) {
        throw unsupported(path, "PyTorch's " + baseStart.scheduler() + " starts from the optimizer's learning rate ("
            + Checks.show(base) + ") when it follows another scheduler, but this phase starts at " + Checks.show(baseStart.from()));
      }
      if (last && afterEnd == AfterEnd.FAIL && !(shape instanceof OneCycle)
          && !(shape instanceof Constant && i > 0 && phases.get(i - 1).shape() instanceof OneCycle)) {
        throw unsupported("channels.lr.afterEnd", "PyTorch's schedulers never refuse a step past the end; declare HOLD or CONTINUE");
      }
      long steps = phase.steps();
      PhaseStep step = new PhaseWriting(phases, i, afterEnd, base, start, path).of(shape);
      if (step.heldAfter() != null) {
        out.add(new Segment(step.scheduler(), steps));
        out.add(new Segment(step.heldAfter(), Phase.OPEN));
        return out;
      }
      PyTorchScheduler scheduler = step.scheduler();
      int consumed = step.consumed();
      if (consumed == 2) {
        // The scheduler also covers the next phase (the value it holds, or OneCycleLR's bounce).
        last = i + 2 == phases.size();
        steps = last ? Phase.OPEN : steps + phases.get(i + 1).steps();
      }
      out.add(new Segment(scheduler, last ? Phase.OPEN : steps));
      start += steps;
      i += consumed;
    }
    return out;
  }

  /**
   * The scheduler written for one phase; {@code consumed} 2 where it also covers the next phase
   * (the value it holds, or OneCycleLR's bounce); {@code heldAfter}, if not {@code null}, the
   * scheduler that holds the end of a last phase, which ends the list.
   */
  private record PhaseStep(PyTorchScheduler scheduler, int consumed, PyTorchScheduler heldAfter) {
    PhaseStep(PyTorchScheduler scheduler, int consumed) {
      this(scheduler, consumed, null);
    }
  }

  /** Writes the scheduler for phase {@code i} of {@code phases}. */
  private final class PhaseWriting {
    private final List<Phase> phases;
    private final int i;
    private final AfterEnd afterEnd;
    private final double base;
    private final long start;
    private final String path;
    private final long steps;
    private final Phase next;
    private final boolean last;

    PhaseWriting(List<Phase> phases, int i, AfterEnd afterEnd, double base, long start, String path) {
      this.phases = phases;
      this.i = i;
      this.afterEnd = afterEnd;
      this.base = base;
      this.start = start;
      this.path = path;
      this.steps = phases.get(i).steps();
      this.next = i + 1 < phases.size() ? phases.get(i + 1) : null;
      this.last = next == null;
    }

    /** The scheduler for the phase, whose shape is {@code shape}, or {@code Unsupported} naming what PyTorch lacks. */
    PhaseStep of(Shape shape) {
      return switch (ShapeKind.of(shape)) {
        case CONSTANT -> constant((Constant) shape);
        case LINEAR -> linear((Linear) shape);
        case COSINE -> cosine((Cosine) shape);
        case EXPONENTIAL -> new PhaseStep(new ExponentialLR(((Exponential) shape).rate()), 1);
        case EXPONENTIAL_TO -> throw unsupported(path,
            "PyTorch has no exponential decay to an end value (ExponentialLR multiplies by a fixed gamma every step)");
        case POLYNOMIAL -> polynomial((Polynomial) shape);
        case ONE_MINUS_SQRT -> throw unsupported(path, "PyTorch has no WSD 1-sqrt decay");
        case INVERSE_SQRT -> throw unsupported(path, "PyTorch has no inverse square root schedule");
        case STEP -> {
          StepDecay s = (StepDecay) shape;
          yield new PhaseStep(new StepLR(s.every(), s.factor()), 1);
        }
        case MILESTONES -> {
          Milestones s = (Milestones) shape;
          yield new PhaseStep(new MultiStepLR(s.milestones(), s.factor()), 1);
        }
        case CYCLIC -> new PhaseStep(cyclicLr((Cyclic) shape, start), 1);
        case COSINE_RESTARTS -> {
          CosineRestarts s = (CosineRestarts) shape;
          yield new PhaseStep(new CosineAnnealingWarmRestarts(s.t0(), s.tMult(), s.floor()), 1);
        }
        case ONE_CYCLE -> oneCycle((OneCycle) shape);
        case PLATEAU -> plateau((Plateau) shape);
        case LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, SHIFTED, REVERSED,
            COSINE_HARD_RESTARTS, SEGMENT -> throw unsupported(path, "PyTorch has no scheduler for a " + shape.kind() + " phase");
      };
    }

    private PhaseStep constant(Constant constant) {
      double factor = factor(path, constant.value(), base, true);
      PyTorchScheduler scheduler = last ? new LinearLR(factor, factor, 1) : new ConstantLR(factor, steps);
      // ConstantLR returns to the base learning rate after total_iters
      return new PhaseStep(scheduler, next != null && next.shape() instanceof Constant after && after.value() == base ? 2 : 1);
    }

    private PhaseStep linear(Linear linear) {
      PyTorchScheduler scheduler = new LinearLR(factor(path, linear.from(), base, true), factor(path, linear.to(), base, false), steps);
      // LinearLR holds its end factor
      return new PhaseStep(scheduler, next != null && next.shape() instanceof Constant hold && hold.value() == linear.to() ? 2 : 1);
    }

    private PhaseStep cosine(Cosine cosine) {
      PyTorchScheduler scheduler = new CosineAnnealingLR(halfPeriod(path, cosine, steps), cosine.to());
      if (last && afterEnd == AfterEnd.HOLD) {
        double end = cosine.endValue(steps);
        double factor = factor(path, end, base, true);
        return new PhaseStep(scheduler, 1, new LinearLR(factor, factor, 1));
      }
      return new PhaseStep(scheduler, 1);
    }

    private PhaseStep polynomial(Polynomial s) {
      if (s.to() != 0) {
        throw unsupported(path, "PyTorch's PolynomialLR decays to 0; it has no end value (this phase ends at " + Checks.show(s.to()) + ")");
      }
      PyTorchScheduler scheduler = new PolynomialLR(steps, s.power());
      // PolynomialLR holds 0
      return new PhaseStep(scheduler, next != null && next.shape() instanceof Constant hold && hold.value() == 0 ? 2 : 1);
    }

    private PhaseStep oneCycle(OneCycle s) {
      int consumed = 1;
      if (next != null && next.shape() instanceof Constant bounce && next.steps() == 1 && bounce.value() == s.valueAt(steps, steps)) {
        consumed = 2; // PyTorch's own step at total_steps
      }
      if ((consumed == 2 ? i + 2 == phases.size() : last) && afterEnd != AfterEnd.FAIL) {
        throw unsupported(path, "PyTorch's OneCycleLR raises ValueError after total_steps + 1 steps; it cannot hold or continue its end value");
      }
      return new PhaseStep(oneCycleLr(s, steps, start), consumed);
    }

    private PhaseStep plateau(Plateau s) {
      if (phases.size() > 1) {
        throw unsupported(path, "PyTorch's ReduceLROnPlateau cannot be part of a SequentialLR");
      }
      return new PhaseStep(
          new ReduceLROnPlateau(s.mode(), s.factor(), s.patience(), s.threshold(), s.thresholdMode(), s.cooldown(), s.minValue(), s.eps()), 1);
    }
  }

  /** {@code value / base}, which PyTorch's ConstantLR and LinearLR need in [0, 1] (and above 0 where they divide by it). */
  private static double factor(String path, double value, double base, boolean divides) {
    if (value == 0 && divides) {
      throw unsupported(path, "PyTorch 1.13's ConstantLR and LinearLR cannot start at or hold a learning rate of 0: they divide by"
          + " the factor; start above 0");
    }
    if (base <= 0 || value < 0 || value > base) {
      throw unsupported(path, "PyTorch's ConstantLR and LinearLR scale the optimizer's learning rate (" + Checks.show(base)
          + ") by a factor in [0, 1], which cannot give " + Checks.show(value));
    }
    return value == base ? 1.0 : value / base;
  }

  /** CosineAnnealingLR's T_max for a cosine of {@code cycles} over {@code steps}: half a period, in whole steps. */
  private static long halfPeriod(String path, Cosine cosine, long steps) {
    double half = Cosine.HALF_PERIOD * steps / cosine.cycles();
    long tMax = Math.round(half);
    if (tMax < 1 || Math.abs(half - tMax) > 1e-9 * half) {
      throw unsupported(path, "PyTorch's CosineAnnealingLR has a half period of T_max whole steps; this cosine's is " + Checks.show(half));
    }
    return tMax;
  }

  /** The momentum phase of the plan that starts at {@code start}, or {@code null}. */
  private Shape momentumAt(long start) {
    if (!(plan.findChannel(Plan.MOMENTUM).orElse(null) instanceof Sequence momentum)) {
      return null;
    }
    for (int i = 0; i < momentum.phases().size(); i++) {
      if (momentum.startOf(i) == start) {
        return momentum.phases().get(i).shape();
      }
    }
    return null;
  }

  private CyclicLR cyclicLr(Cyclic lr, long start) {
    // A mirrored learning-rate cycle starts at its max and dips: CyclicLR with base_lr above max_lr
    // (an inverted cycle, which torch runs); likewise a momentum cycle that is not mirrored.
    double baseLr = lr.mirrored() ? lr.max() : lr.base();
    double maxLr = lr.mirrored() ? lr.base() : lr.max();
    CyclicLR scheduler = new CyclicLR(baseLr, maxLr, lr.up(), lr.down() == lr.up() ? null : lr.down(), lr.mode(), lr.gamma(), false,
        CyclicLR.DEFAULT_BASE_MOMENTUM, CyclicLR.DEFAULT_MAX_MOMENTUM);
    if (momentumAt(start) instanceof Cyclic m) {
      return m.mirrored() ? scheduler.withMomentum(m.base(), m.max()) : scheduler.withMomentum(m.max(), m.base());
    }
    return scheduler;
  }

  private OneCycleLR oneCycleLr(OneCycle lr, long total, long start) {
    OneCycleLR scheduler = new OneCycleLR(lr.peak(), total, null, null, lr.pctStart(), lr.anneal(), false,
        OneCycleLR.DEFAULT_BASE_MOMENTUM, OneCycleLR.DEFAULT_MAX_MOMENTUM, lr.peak() / lr.start(), lr.start() / lr.end(), lr.threePhase());
    if (momentumAt(start) instanceof OneCycle m) {
      return scheduler.withMomentum(true, m.peak(), m.start());
    }
    return scheduler;
  }

  static InvalidScheduleException unsupported(String path, String message) {
    return new InvalidScheduleException(ConfigCode.unsupported(path, null, "PyTorch", message));
  }
}
