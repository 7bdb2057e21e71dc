package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of a curve from {@code from} to {@code to} whose ends need not fall on whole steps.
 * Schedules counted in a finer unit than optimizer steps need it: Megatron-LM counts in samples
 * when given a global batch size, so one step advances {@code unitsPerStep} samples and a warm-up
 * of 4,000 samples with 1,024 samples a step ends 3.90625 steps in. Megatron's WSD exponential
 * anneal also has no other shape.
 *
 * <p>Formula: progress {@code r = (t * unitsPerStep + origin) / span}, value {@code to + c(r) *
 * (from - to)}, where the {@link Curve} coefficient {@code c} falls from 1 at r = 0 to 0 at r = 1
 * (so the value goes from {@code from} to {@code to}; {@code from < to} makes a ramp up). It is
 * computed from the lower end, as Megatron computes its decays (from {@code min_lr}) and its
 * weight-decay ramps (from {@code start_wd}): {@code to + c(r) * (from - to)} going down, {@code
 * from + (1 - c)(r) * (to - from)} going up, with {@code 1 - c} worked out per curve ({@code r} for
 * the linear one), so that both ends come out exact.
 *
 * <p>Rules: {@code from} and {@code to} finite; {@code unitsPerStep} at least 1; {@code origin} at
 * least 0; {@code span} greater than 0; every step of the phase within the segment, {@code origin +
 * (n - 1) * unitsPerStep <= span} (r never exceeds 1). Range: between {@code from} and {@code to};
 * the phase ends on {@code to}, which {@link AfterEnd#HOLD} keeps. Past the end the formula stays
 * bounded for the cosine and the exponential curves (the exponential coefficient tends to -1), and
 * grows without bound for the linear and square-root ones.
 *
 * @param curve how the value moves from {@code from} to {@code to}
 * @param from the value at progress 0
 * @param to the value at progress 1
 * @param unitsPerStep the units one step advances (e.g. samples per global batch; 1 for steps)
 * @param origin the units from progress 0 to the phase's first step (local t = 0)
 * @param span the units from progress 0 to progress 1
 */
public record Segment(Curve curve, double from, double to, long unitsPerStep, double origin, double span)
    implements Shape {

  /** The coefficient {@code c(r)} of a segment, 1 at r = 0 and 0 at r = 1 (Megatron-LM's names). */
  public enum Curve {
    /** {@code 1 - r}. */
    LINEAR("1 - r"),
    /** {@code (cos(π * r) + 1) / 2}. */
    COSINE("(cos(π * r) + 1) / 2"),
    /** {@code 2 * 0.5^r - 1}: Megatron's WSD {@code exponential} anneal, not a geometric decay. */
    EXPONENTIAL("2 * 0.5^r - 1"),
    /** {@code 1 - sqrt(r)}: Megatron's WSD {@code minus_sqrt}. */
    MINUS_SQRT("1 - sqrt(r)");

    private final String formula;

    Curve(String formula) {
      this.formula = formula;
    }

    /** The coefficient at progress {@code r}, in Megatron's order of operations. */
    public double coefficient(double r) {
      return switch (this) {
        case LINEAR -> 1.0 - r;
        case COSINE -> 0.5 * (Math.cos(Math.PI * r) + 1.0);
        case EXPONENTIAL -> 2.0 * Math.pow(0.5, r) - 1.0;
        case MINUS_SQRT -> 1.0 - Math.sqrt(r);
      };
    }

    /**
     * {@code 1 - coefficient(r)}, rising from 0 to 1, worked out so that no rounding of the
     * subtraction enters: Megatron's weight-decay ramps use {@code r} and {@code (cos(π * (1 - r)) +
     * 1) / 2}.
     */
    public double complement(double r) {
      return switch (this) {
        case LINEAR -> r;
        case COSINE -> 0.5 * (Math.cos(Math.PI * (1 - r)) + 1.0);
        case EXPONENTIAL -> 2.0 - 2.0 * Math.pow(0.5, r);
        case MINUS_SQRT -> Math.sqrt(r);
      };
    }

    /** The coefficient in words, e.g. {@code 1 - r}. */
    public String formula() {
      return formula;
    }
  }

  public Segment {
    Objects.requireNonNull(curve, "curve");
  }

  /** A segment counted in steps that starts on a step: progress {@code t / span}. */
  public static Segment ofSteps(Curve curve, double from, double to, double span) {
    return new Segment(curve, from, to, 1, 0, span);
  }

  /** The progress at local step {@code t}: {@code (t * unitsPerStep + origin) / span}. */
  public double progress(long t) {
    return ((double) t * unitsPerStep + origin) / span;
  }

  @Override
  public double valueAt(long t, long n) {
    double r = progress(t);
    return from <= to ? from + curve.complement(r) * (to - from) : to + curve.coefficient(r) * (from - to);
  }

  @Override
  public double endValue(long n) {
    return to;
  }

  @Override
  public Range range(long n) {
    return Range.of(from, to);
  }

  @Override
  public Range rangePastEnd(long n) {
    if (from == to) {
      return range(n);
    }
    return switch (curve) {
      // Past the end r grows to 2^63 * unitsPerStep / span; where π * r overflows, cos(∞) is NaN.
      case COSINE -> Double.isFinite(Math.PI * progress(Long.MAX_VALUE)) ? Range.of(from, to) : Range.UNBOUNDED;
      // The coefficient 2 * 0.5^r - 1 stays above -1 however large r grows; rising, its complement
      // 2 - 2 * 0.5^r approaches 2 and doubles to - from, which must stay finite.
      case EXPONENTIAL -> from <= to ? Range.of(from, from + 2.0 * (to - from)) : Range.of(from, to - (from - to));
      case LINEAR, MINUS_SQRT -> Range.UNBOUNDED;
    };
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Overflow.difference(out, "to", to, "from", from);
    boolean unitsOk = Rules.atLeastOne(out, "unitsPerStep", unitsPerStep);
    boolean originOk = Rules.nonNegative(out, "origin", origin);
    boolean spanOk = Rules.positive(out, "span", span);
    if (unitsOk && originOk && spanOk && n != Phase.OPEN) {
      double last = origin + (double) (n - 1) * unitsPerStep;
      if (last > span) {
        out.add(RuleCode.segmentPastEnd("steps", n, last, span, (long) Math.floor((span - origin) / unitsPerStep) + 1));
      }
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitSegment(this);
  }

  @Override
  public String kind() {
    return "segment";
  }

  @Override
  public String formula() {
    return "to + c(r) * (from - to), r = (t * unitsPerStep + origin) / span, c(r) = " + curve.formula();
  }
}
