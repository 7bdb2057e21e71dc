package dev.anneal.reliability;

import dev.anneal.builder.Draft;
import dev.anneal.builder.LengthStep;
import dev.anneal.builder.NextPhase;
import dev.anneal.builder.Schedules;
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
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StepDecay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random schedules that satisfy every rule by construction, built with the fluent builder
 * the way users build them: a phase continued with {@code then().linearTo(…)} and the like starts
 * where the previous one ended (it declares continuity); a phase added with {@code
 * then().shape(…)} may jump. Values stay within each channel's bounds (a learning rate in [0,
 * 0.1], momentum in [0, 0.99], weight decay in [0, 0.1]); lengths run from 1 step to past 2^32.
 */
final class RandomSchedules {
  /** A generated schedule and, per phase boundary i (phase i after phase i - 1), whether it declares continuity. */
  record Generated(Schedule schedule, List<Boolean> continuous) {}

  private final SplittableRandom random;
  private final double low;
  private final double high;

  private RandomSchedules(SplittableRandom random, double low, double high) {
    this.random = random;
    this.low = low;
    this.high = high;
  }

  /** A random plan: a learning rate, and now and then momentum, weight decay and a free channel. */
  static Plan plan(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, forChannel(Plan.LR, random).schedule());
    if (random.nextInt(3) == 0) {
      channels.put(Plan.MOMENTUM, forChannel(Plan.MOMENTUM, random).schedule());
    }
    if (random.nextInt(3) == 0) {
      channels.put(Plan.WEIGHT_DECAY, forChannel(Plan.WEIGHT_DECAY, random).schedule());
    }
    if (random.nextInt(8) == 0) {
      channels.put("ema_decay", forChannel("ema_decay", random).schedule());
    }
    return new Plan(channels);
  }

  /**
   * A random learning rate of the kind the other formats express: an optional linear warm-up, then
   * one decay (cosine, linear, polynomial, constant, inverse square root, step or exponential),
   * and now and then a constant momentum.
   */
  static Plan exportablePlan(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double peak = Math.pow(10, -5 + 4 * random.nextDouble());
    double floor = random.nextBoolean() ? 0 : peak * random.nextDouble(0.5);
    long warmup = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(500);
    long decay = 1 + random.nextInt(5_000);
    NextPhase next = warmup == 0 ? null : Schedules.linear(random.nextBoolean() ? 0 : peak * random.nextDouble(), peak).over(warmup).then();
    LengthStep step = switch (random.nextInt(7)) {
      case 0 -> next == null ? Schedules.cosine(peak, floor) : next.cosineTo(floor);
      case 1 -> next == null ? Schedules.linear(peak, floor) : next.linearTo(floor);
      case 2 -> next == null ? Schedules.polynomial(peak, floor, 0.5 + random.nextDouble(2)) : next.polynomialTo(floor, 0.5 + random.nextDouble(2));
      case 3 -> next == null ? Schedules.constant(peak) : next.constant();
      case 4 -> next == null ? Schedules.inverseSqrt(peak, 1 + random.nextInt(1_000)) : next.inverseSqrt(1 + random.nextInt(1_000));
      case 5 -> next == null ? Schedules.stepDecay(peak, 1 + random.nextInt(300), 0.1 + random.nextDouble(0.9)) : next.stepDecay(1 + random.nextInt(300), 0.1 + random.nextDouble(0.9));
      default -> next == null ? Schedules.exponential(peak, 0.99 + random.nextDouble(0.01)) : next.exponential(0.99 + random.nextDouble(0.01));
    };
    Draft draft = random.nextBoolean() ? openIfAllowed(step) : null;
    Schedule lr = (draft == null ? step.over(decay) : draft).build();
    Plan plan = Plan.of(lr);
    return random.nextInt(4) == 0 ? plan.with(Plan.MOMENTUM, Schedules.constant(0.9).forever().build()) : plan;
  }

  /** A random schedule within the bounds of {@code channel}; now and then scaled or a product. */
  static Generated forChannel(String channel, SplittableRandom random) {
    double high = switch (channel) {
      case Plan.MOMENTUM -> 0.99;
      case Plan.LR, Plan.WEIGHT_DECAY -> 0.1;
      default -> 1.0;
    };
    RandomSchedules generator = new RandomSchedules(random, 0, high);
    Generated sequence = generator.sequence();
    int wrap = random.nextInt(10);
    if (wrap == 0) {
      // A relative schedule bound to a base value: the factor keeps it within the bounds.
      return new Generated(sequence.schedule().scaledBy(0.01 + random.nextDouble(0.99)), List.of());
    }
    if (wrap == 1) {
      // ChainedScheduler: a unitless multiplier in [0, 1] times the values.
      Generated multiplier = new RandomSchedules(random, 0, 1).sequence();
      return new Generated(new Product(List.of(sequence.schedule(), multiplier.schedule())), List.of());
    }
    return sequence;
  }

  /** A sequence of 1 to 5 phases. */
  Generated sequence() {
    int count = 1 + random.nextInt(5);
    List<Boolean> continuous = new ArrayList<>();
    Shape first = anyShape(value());
    Draft draft = count == 1 && random.nextInt(4) == 0 ? openIfAllowed(Schedules.shape(first)) : null;
    if (draft == null) {
      draft = Schedules.shape(first).over(length(first));
    }
    double previousEnd = endOf(draft);
    for (int i = 1; i < count; i++) {
      boolean last = i == count - 1;
      NextPhase next = draft.then();
      LengthStep step;
      long length;
      boolean continues = random.nextBoolean();
      if (continues) {
        step = continued(next, previousEnd);
        length = 1 + lengthOf(random);
      } else {
        Shape shape = anyShape(value());
        step = next.shape(shape);
        length = length(shape);
      }
      continuous.add(continues);
      Draft open = last && random.nextInt(3) == 0 ? openIfAllowed(step) : null;
      draft = open != null ? open : step.over(length);
      previousEnd = endOf(draft);
    }
    draft = draft.afterEnd(afterEnd(draft.build()));
    return new Generated(draft.build(), continuous);
  }

  private static Draft openIfAllowed(LengthStep step) {
    try {
      Draft open = step.forever();
      open.build();
      return open;
    } catch (dev.anneal.rules.InvalidScheduleException notAllowed) {
      return null; // NeedsLength: this shape needs a length; the caller gives it one
    }
  }

  private AfterEnd afterEnd(Sequence built) {
    Phase last = built.phases().get(built.phases().size() - 1);
    int pick = random.nextInt(3);
    if (pick == 1 && !last.isOpen() && last.shape().rangePastEnd(last.steps()).isFinite()
        && last.shape().rangePastEnd(last.steps()).min() >= low && last.shape().rangePastEnd(last.steps()).max() <= high) {
      return AfterEnd.CONTINUE;
    }
    return pick == 2 ? AfterEnd.FAIL : AfterEnd.HOLD;
  }

  /** A phase that starts where the previous one ended, through the builder's continuing methods. */
  private LengthStep continued(NextPhase next, double from) {
    double to = value();
    switch (random.nextInt(10)) {
      case 0: return next.constant();
      case 1: return next.linearTo(to);
      case 2: return next.cosineTo(to);
      case 3: return from > 0 && to > 0 ? next.exponentialTo(to) : next.linearTo(to);
      case 4: return next.polynomialTo(to, 0.5 + random.nextDouble(3));
      case 5: return next.oneMinusSqrtTo(to);
      case 6: return next.stepDecay(1 + random.nextInt(200), 0.1 + random.nextDouble(0.9));
      case 7: return next.milestones(0.1 + random.nextDouble(0.9), milestones());
      case 8: return next.cosineRestarts(from * random.nextDouble(), 1 + random.nextInt(100), 1 + random.nextInt(3));
      default: return next.inverseSqrt(1 + random.nextInt(1000));
    }
  }

  private Shape anyShape(double from) {
    double to = value();
    double lo = Math.min(from, to);
    double hi = Math.max(from, to);
    return switch (random.nextInt(14)) {
      case 0 -> new Constant(from);
      case 1 -> new Linear(from, to);
      case 2 -> new Cosine(from, to, random.nextBoolean() ? Cosine.HALF_PERIOD : 0.1 + random.nextDouble(3));
      case 3 -> new Exponential(from, 0.9 + random.nextDouble(0.1));
      case 4 -> new ExponentialTo(hi + 1e-9, lo + 1e-9);
      case 5 -> new Polynomial(from, to, 0.1 + random.nextDouble(4));
      case 6 -> new OneMinusSqrt(from, to);
      case 7 -> new InverseSqrt(hi, 1 + random.nextInt(500), random.nextBoolean() ? 0 : lo);
      case 8 -> new StepDecay(from, 1 + random.nextInt(100), 0.1 + random.nextDouble(0.9));
      case 9 -> new Milestones(from, Arrays.stream(milestones()).boxed().toList(), 0.1 + random.nextDouble(0.9));
      case 10 -> new Cyclic(lo, hi, 1 + random.nextInt(50), 1 + random.nextInt(50), Cyclic.Mode.values()[random.nextInt(3)],
          0.9 + random.nextDouble(0.1), random.nextBoolean());
      case 11 -> new CosineRestarts(hi, lo, 1 + random.nextInt(40), 1 + random.nextInt(3));
      case 12 -> new OneCycle(lo, hi, lo / 10, 0.3, random.nextBoolean() ? OneCycle.Anneal.COS : OneCycle.Anneal.LINEAR, random.nextBoolean());
      default -> new Plateau(hi, Plateau.Mode.MIN, 0.5, 3, 1e-4, Plateau.ThresholdMode.REL, 0, lo, 1e-8);
    };
  }

  /** A length that suits the shape: one-cycle needs room for its parts. */
  private long length(Shape shape) {
    long length = 1 + lengthOf(random);
    return shape instanceof OneCycle ? Math.max(length, 20) : length;
  }

  /** Mostly short phases, some long ones, a few past 2^31 and 2^32 steps. */
  static long lengthOf(SplittableRandom random) {
    return switch (random.nextInt(20)) {
      case 0 -> random.nextLong(1L << 31, 1L << 33);
      case 1, 2 -> random.nextLong(10_000, 1_000_000);
      default -> random.nextLong(300);
    };
  }

  private long[] milestones() {
    long[] milestones = new long[1 + random.nextInt(4)];
    long at = 0;
    for (int i = 0; i < milestones.length; i++) {
      at += random.nextInt(3) == 0 && i > 0 ? 0 : 1 + random.nextInt(100); // repeated now and then, as PyTorch allows
      milestones[i] = at;
    }
    return milestones;
  }

  private double value() {
    int pick = random.nextInt(10);
    if (pick == 0) {
      return low;
    }
    if (pick == 1) {
      return high;
    }
    return low + (high - low) * random.nextDouble();
  }

  private static double endOf(Draft draft) {
    Sequence built = draft.build();
    Phase last = built.phases().get(built.phases().size() - 1);
    return last.shape().endValue(last.isOpen() ? 1 : last.steps());
  }
}
