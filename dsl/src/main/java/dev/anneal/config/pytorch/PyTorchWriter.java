package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
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
      double optimizerLr = sequence.phases().get(0).shape() instanceof Cyclic cyclic ? cyclic.max()
          : sequence.phases().get(0).shape() instanceof OneCycle oneCycle ? oneCycle.peak() : base;
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
    Shape first = phases.get(0).shape();
    if (first instanceof Cyclic cyclic) {
      return cyclic.base();
    }
    if (first instanceof OneCycle oneCycle) {
      return oneCycle.peak() / (oneCycle.peak() / oneCycle.start()); // max_lr / div_factor, as PyTorch computes it
    }
    double largest = 0;
    for (Phase phase : phases) {
      Shape shape = phase.shape();
      Double from = startsAtBase(shape);
      if (from != null) {
        return from;
      }
      if (shape instanceof Constant constant) {
        largest = Math.max(largest, constant.value());
      } else if (shape instanceof Linear linear) {
        largest = Math.max(largest, Math.max(linear.from(), linear.to()));
      }
    }
    return largest;
  }

  /** The start of a shape whose scheduler always starts at the base learning rate, or {@code null}. */
  private static Double startsAtBase(Shape shape) {
    if (shape instanceof Cosine s) {
      return s.from();
    } else if (shape instanceof StepDecay s) {
      return s.from();
    } else if (shape instanceof Milestones s) {
      return s.from();
    } else if (shape instanceof Exponential s) {
      return s.from();
    } else if (shape instanceof Polynomial s) {
      return s.from();
    } else if (shape instanceof CosineRestarts s) {
      return s.from();
    } else if (shape instanceof Plateau s) {
      return s.initial();
    }
    return null;
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
      Double from = startsAtBase(shape);
      if (from != null && from != base) {
        throw unsupported(path, "PyTorch's " + schedulerOf(shape) + " starts from the optimizer's learning rate ("
            + Checks.show(base) + ") when it follows another scheduler, but this phase starts at " + Checks.show(from));
      }
      if (last && afterEnd == AfterEnd.FAIL && !(shape instanceof OneCycle)
          && !(shape instanceof Constant && i > 0 && phases.get(i - 1).shape() instanceof OneCycle)) {
        throw unsupported("channels.lr.afterEnd", "PyTorch's schedulers never refuse a step past the end; declare HOLD or CONTINUE");
      }
      int consumed = 1;
      long steps = phase.steps();
      PyTorchScheduler scheduler;
      if (shape instanceof Constant constant) {
        double factor = factor(path, constant.value(), base, true);
        scheduler = last ? new LinearLR(factor, factor, 1) : new ConstantLR(factor, steps);
        if (next != null && next.shape() instanceof Constant after && after.value() == base) {
          consumed = 2; // ConstantLR returns to the base learning rate after total_iters
        }
      } else if (shape instanceof Linear linear) {
        scheduler = new LinearLR(factor(path, linear.from(), base, true), factor(path, linear.to(), base, false), steps);
        if (next != null && next.shape() instanceof Constant hold && hold.value() == linear.to()) {
          consumed = 2; // LinearLR holds its end factor
        }
      } else if (shape instanceof Cosine cosine) {
        scheduler = new CosineAnnealingLR(halfPeriod(path, cosine, steps), cosine.to());
        if (last && afterEnd == AfterEnd.HOLD) {
          out.add(new Segment(scheduler, steps));
          double end = cosine.endValue(steps);
          double factor = factor(path, end, base, true);
          out.add(new Segment(new LinearLR(factor, factor, 1), Phase.OPEN));
          return out;
        }
      } else if (shape instanceof StepDecay s) {
        scheduler = new StepLR(s.every(), s.factor());
      } else if (shape instanceof Milestones s) {
        scheduler = new MultiStepLR(s.milestones(), s.factor());
      } else if (shape instanceof Exponential s) {
        scheduler = new ExponentialLR(s.rate());
      } else if (shape instanceof Polynomial s) {
        if (s.to() != 0) {
          throw unsupported(path, "PyTorch's PolynomialLR decays to 0; it has no end value (this phase ends at " + Checks.show(s.to()) + ")");
        }
        scheduler = new PolynomialLR(steps, s.power());
        if (next != null && next.shape() instanceof Constant hold && hold.value() == 0) {
          consumed = 2; // PolynomialLR holds 0
        }
      } else if (shape instanceof CosineRestarts s) {
        scheduler = new CosineAnnealingWarmRestarts(s.t0(), s.tMult(), s.floor());
      } else if (shape instanceof Cyclic s) {
        scheduler = cyclic(s, start);
      } else if (shape instanceof OneCycle s) {
        if (next != null && next.shape() instanceof Constant bounce && next.steps() == 1 && bounce.value() == s.valueAt(steps, steps)) {
          consumed = 2; // PyTorch's own step at total_steps
        }
        if ((consumed == 2 ? i + 2 == phases.size() : last) && afterEnd != AfterEnd.FAIL) {
          throw unsupported(path, "PyTorch's OneCycleLR raises ValueError after total_steps + 1 steps; it cannot hold or continue its end value");
        }
        scheduler = oneCycle(s, phase.steps(), start);
      } else if (shape instanceof Plateau s) {
        if (phases.size() > 1) {
          throw unsupported(path, "PyTorch's ReduceLROnPlateau cannot be part of a SequentialLR");
        }
        scheduler = new ReduceLROnPlateau(s.mode(), s.factor(), s.patience(), s.threshold(), s.thresholdMode(), s.cooldown(), s.minValue(), s.eps());
      } else {
        throw unsupported(path, lacks(shape));
      }
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

  private static String schedulerOf(Shape shape) {
    return shape instanceof Cosine ? "CosineAnnealingLR" : shape instanceof StepDecay ? "StepLR" : shape instanceof Milestones ? "MultiStepLR"
        : shape instanceof Exponential ? "ExponentialLR" : shape instanceof Polynomial ? "PolynomialLR"
        : shape instanceof CosineRestarts ? "CosineAnnealingWarmRestarts" : "ReduceLROnPlateau";
  }

  private static String lacks(Shape shape) {
    if (shape instanceof OneMinusSqrt) {
      return "PyTorch has no WSD 1-sqrt decay";
    }
    if (shape instanceof InverseSqrt) {
      return "PyTorch has no inverse square root schedule";
    }
    if (shape instanceof ExponentialTo) {
      return "PyTorch has no exponential decay to an end value (ExponentialLR multiplies by a fixed gamma every step)";
    }
    return "PyTorch has no scheduler for a " + shape.kind() + " phase";
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
    if (!(plan.channel(Plan.MOMENTUM) instanceof Sequence momentum)) {
      return null;
    }
    for (int i = 0; i < momentum.phases().size(); i++) {
      if (momentum.startOf(i) == start) {
        return momentum.phases().get(i).shape();
      }
    }
    return null;
  }

  private CyclicLR cyclic(Cyclic lr, long start) {
    if (lr.mirrored()) {
      throw unsupported("channels.lr", "PyTorch's CyclicLR cycles the learning rate up from base_lr; a mirrored cycle is its momentum");
    }
    CyclicLR scheduler = new CyclicLR(lr.base(), lr.max(), lr.up(), lr.down() == lr.up() ? null : lr.down(), lr.mode(), lr.gamma(), false,
        CyclicLR.DEFAULT_BASE_MOMENTUM, CyclicLR.DEFAULT_MAX_MOMENTUM);
    if (momentumAt(start) instanceof Cyclic m && m.mirrored()) {
      return scheduler.withMomentum(m.base(), m.max());
    }
    return scheduler;
  }

  private OneCycleLR oneCycle(OneCycle lr, long total, long start) {
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
