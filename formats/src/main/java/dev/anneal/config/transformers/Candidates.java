package dev.anneal.config.transformers;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineHardRestarts;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Shifted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transformers calls that may reproduce a {@link RelativeLambda}, read off its phases, simplest
 * first. They are guesses: {@link TransformersWriter} keeps the first whose config, read back,
 * gives the same phases.
 */
final class Candidates {
  private static final Linear WARMUP = new Linear(0, 1);
  private static final Constant ONE = new Constant(1);

  private Candidates() {}

  static List<SchedulerCall> of(RelativeLambda lambda) {
    List<Phase> phases = lambda.phases();
    long warmup = phases.get(0).shape().equals(WARMUP) && !phases.get(0).isOpen() ? phases.get(0).steps() : 0;
    List<Phase> rest = warmup > 0 ? phases.subList(1, phases.size()) : phases;
    List<SchedulerCall> out = new ArrayList<>();
    if (rest.isEmpty()) {
      return out;
    }
    Phase first = rest.get(0);
    Shape shape = first.shape();
    long total = first.isOpen() ? warmup : warmup + first.steps();
    boolean continues = lambda.afterEnd() == AfterEnd.CONTINUE;

    if (shape.equals(ONE) && first.isOpen()) {
      out.add(warmup == 0
          ? written(TransformersFunction.CONSTANT, 0, null)
          : written(TransformersFunction.CONSTANT_WITH_WARMUP, warmup, null));
    }
    if (shape.equals(TransformersSchedules.LINEAR_DECAY) || shape.equals(new Linear(1, 0))) {
      out.add(written(TransformersFunction.LINEAR, warmup, total));
    }
    if (shape.equals(new Constant(0)) && first.isOpen() && warmup >= 1) {
      out.add(written(TransformersFunction.LINEAR, warmup, warmup));
    }
    if (shape instanceof Cosine cosine && cosine.from() == 1 && continues) {
      out.add(cosine.to() == 0
          ? written(TransformersFunction.COSINE, warmup, total, TransformersFunction.Names.CYCLES, cosine.cycles(),
              TransformersSchedules.DEFAULT_NUM_CYCLES)
          : written(TransformersFunction.COSINE_WITH_MIN_LR, warmup, total, TransformersFunction.Names.CYCLES, cosine.cycles(),
              TransformersSchedules.DEFAULT_NUM_CYCLES, "min_lr_rate", cosine.to(), null));
    }
    if (shape instanceof CosineHardRestarts restarts && restarts.from() == 1 && restarts.to() == 0) {
      out.add(written(TransformersFunction.COSINE_WITH_RESTARTS, warmup, total, TransformersFunction.Names.CYCLES,
          restarts.cycles(), TransformersSchedules.DEFAULT_HARD_RESTART_CYCLES));
    }
    polynomial(lambda.base(), warmup, rest).ifPresent(out::add);
    if (shape instanceof InverseSqrt inverse && inverse.peak() == 1 && inverse.floor() == 0 && first.isOpen()) {
      double fallback = warmup != 0 ? warmup : TransformersSchedules.DEFAULT_TIMESCALE_WITHOUT_WARMUP;
      out.add(inverse.timescale() == fallback
          ? written(TransformersFunction.INVERSE_SQRT, warmup, null)
          : new SchedulerCall(TransformersFunction.INVERSE_SQRT, warmup, null, Map.of("timescale", wholeIfWhole(inverse.timescale())), true));
    }
    out.addAll(shiftedCosine(phases, continues));
    wsd(phases, lambda.afterEnd()).ifPresent(out::add);
    return out;
  }

  /** Polynomial decay: a decay phase, power 0's two constants, or lr_end right after a longer warm-up. */
  private static Optional<SchedulerCall> polynomial(double base, long warmup, List<Phase> rest) {
    Shape shape = rest.get(0).shape();
    Phase first = rest.get(0);
    if (shape instanceof Polynomial decay && decay.from() == 1 && rest.size() == 2) {
      return lrEnd(base, decay.to()).map(end -> written(
          TransformersFunction.POLYNOMIAL, warmup, warmup + first.steps(), "lr_end", end, TransformersSchedules.DEFAULT_LR_END,
          "power", decay.power(), TransformersSchedules.DEFAULT_POWER));
    }
    if (shape instanceof Constant && !first.isOpen() && rest.size() == 2 && rest.get(1).shape() instanceof Constant end) {
      return lrEnd(base, end.value()).map(lrEnd -> written(
          TransformersFunction.POLYNOMIAL, warmup, warmup + first.steps() - 1, "lr_end", lrEnd,
          TransformersSchedules.DEFAULT_LR_END, "power", 0.0, TransformersSchedules.DEFAULT_POWER));
    }
    if (shape instanceof Constant end && first.isOpen() && warmup >= 2) {
      return lrEnd(base, end.value()).map(lrEnd -> written(
          TransformersFunction.POLYNOMIAL, warmup, warmup - 1, "lr_end", lrEnd, TransformersSchedules.DEFAULT_LR_END));
    }
    return Optional.empty();
  }

  /**
   * An {@code lr_end} that upstream's {@code lr_end / lr} turns into exactly {@code ratio}: among
   * {@code ratio * base} and its nearest neighbours, the one that prints shortest.
   */
  static Optional<Double> lrEnd(double base, double ratio) {
    double guess = ratio * base;
    Double best = null;
    double below = guess;
    double above = Math.nextUp(guess);
    for (int i = 0; i < 16; i++) {
      for (double candidate : new double[] {below, above}) {
        if (candidate / base == ratio && (best == null || shorter(candidate, best))) {
          best = candidate;
        }
      }
      below = Math.nextDown(below);
      above = Math.nextUp(above);
    }
    return Optional.ofNullable(best);
  }

  /** Whether {@code a} prints shorter than {@code b}: {@code 1e-7} rather than {@code 9.999999999999998E-8}. */
  private static boolean shorter(double a, double b) {
    return Double.toString(a).length() < Double.toString(b).length();
  }

  /** cosine_warmup_with_min_lr: its cosine runs one step ahead; the warm-up is (step + 1) / W or from warmup_lr_rate. */
  private static List<SchedulerCall> shiftedCosine(List<Phase> phases, boolean continues) {
    Phase last = phases.get(phases.size() - 1);
    if (!continues || !(last.shape() instanceof Shifted shifted) || shifted.by() != 1
        || !(shifted.inner() instanceof Cosine cosine) || cosine.from() != 1) {
      return List.of();
    }
    long warmup = 0;
    for (Phase phase : phases.subList(0, phases.size() - 1)) {
      warmup += phase.steps();
    }
    List<SchedulerCall> out = new ArrayList<>();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (cosine.cycles() != TransformersSchedules.DEFAULT_NUM_CYCLES) {
      kwargs.put(TransformersFunction.Names.CYCLES, cosine.cycles());
    }
    kwargs.put("min_lr_rate", cosine.to());
    out.add(new SchedulerCall(TransformersFunction.COSINE_WARMUP_WITH_MIN_LR, warmup, warmup + last.steps(), kwargs, false));
    if (warmup >= 1) {
      Map<String, Object> withRate = new LinkedHashMap<>(kwargs);
      withRate.put("warmup_lr_rate", phases.get(0).shape().valueAt(0, phases.get(0).steps()));
      out.add(new SchedulerCall(TransformersFunction.COSINE_WARMUP_WITH_MIN_LR, warmup, warmup + last.steps(), withRate, false));
    }
    return out;
  }

  /** get_wsd_schedule: [warm-up from the floor] [stable at 1] [decay to the floor], then the floor for ever. */
  private static Optional<SchedulerCall> wsd(List<Phase> phases, AfterEnd afterEnd) {
    Phase last = phases.get(phases.size() - 1);
    if (afterEnd != AfterEnd.HOLD || !(last.shape() instanceof Constant floorPhase)) {
      return Optional.empty();
    }
    double floor = floorPhase.value();
    int at = 0;
    long warmup = 0;
    WsdCurve warmupType = WsdArguments.DEFAULT_WARMUP_TYPE;
    for (WsdCurve type : WsdCurve.values()) {
      if (at < phases.size() - 1 && phases.get(at).shape().equals(TransformersSchedules.wsdWarmup(type, floor))) {
        warmup = phases.get(at++).steps();
        warmupType = type;
        break;
      }
    }
    long stable = 0;
    if (at < phases.size() - 1 && phases.get(at).shape().equals(ONE)) {
      stable = phases.get(at++).steps();
    }
    long decay = 0;
    WsdCurve decayType = WsdArguments.DEFAULT_DECAY_TYPE;
    double cycles = TransformersSchedules.DEFAULT_NUM_CYCLES;
    if (at < phases.size() - 1) {
      Shape shape = phases.get(at).shape();
      if (shape instanceof Cosine cosine) {
        cycles = cosine.cycles();
      }
      for (WsdCurve type : WsdCurve.values()) {
        if (sameUpToLines(shape, TransformersSchedules.wsdDecay(type, floor, cycles))) {
          decay = phases.get(at++).steps();
          decayType = type;
          break;
        }
      }
    }
    if (at != phases.size() - 1) {
      return Optional.empty();
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("num_decay_steps", decay);
    long total = warmup + stable + decay;
    if (total == 0) {
      kwargs.put("num_stable_steps", 0L);
    }
    putIfNot(kwargs, "warmup_type", warmupType.upstreamName(), WsdArguments.DEFAULT_WARMUP_TYPE.upstreamName());
    putIfNot(kwargs, "decay_type", decayType.upstreamName(), WsdArguments.DEFAULT_DECAY_TYPE.upstreamName());
    putIfNot(kwargs, "min_lr_ratio", floor, WsdArguments.DEFAULT_MIN_LR_RATIO);
    putIfNot(kwargs, TransformersFunction.Names.CYCLES, cycles, TransformersSchedules.DEFAULT_NUM_CYCLES);
    return Optional.of(new SchedulerCall(TransformersFunction.WARMUP_STABLE_DECAY, warmup, total == 0 ? null : total, kwargs, total == 0));
  }

  /** Whether {@code actual} is {@code wanted}, or the line a power-1 {@code wanted} is (see {@link RelativeLambda#loose()}). */
  private static boolean sameUpToLines(Shape actual, Shape wanted) {
    return actual.equals(wanted)
        || wanted instanceof Polynomial p && p.power() == 1 && actual.equals(new Linear(p.from(), p.to()));
  }

  /** {@code timescale} is an int upstream: written as one when it is whole. */
  private static Object wholeIfWhole(double value) {
    return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Object) (long) value : (Object) value;
  }

  /** A call in the TrainingArguments form; {@code kwargs} as name, value, default triples (defaults are left out). */
  private static SchedulerCall written(TransformersFunction function, long warmup, Long total, Object... kwargs) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (int i = 0; i < kwargs.length; i += 3) {
      putIfNot(given, (String) kwargs[i], kwargs[i + 1], kwargs[i + 2]);
    }
    return new SchedulerCall(function, warmup, total, given, false);
  }

  private static void putIfNot(Map<String, Object> kwargs, String name, Object value, Object fallback) {
    Object normal = value instanceof Number number && fallback instanceof Number ? (Object) number.doubleValue() : value;
    Object normalFallback = fallback instanceof Number number ? (Object) number.doubleValue() : fallback;
    if (!normal.equals(normalFallback)) {
      kwargs.put(name, value);
    }
  }
}
