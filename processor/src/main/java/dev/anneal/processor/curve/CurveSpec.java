package dev.anneal.processor.curve;

import static dev.anneal.processor.curve.Component.PREVIOUS_END;
import static dev.anneal.processor.curve.Component.REQUIRED;

import dev.anneal.annotation.Curve;
import dev.anneal.processor.curve.Component.Kind;
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
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StepDecay;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How each {@link Curve} of the annotations maps to a {@link Shape} of the model: the shape's
 * class, its constructor arguments in order with the attribute that gives each, and how to build
 * it from resolved values. The one table the reader, the checker and the describer share.
 *
 * @param curve the annotation's curve
 * @param shape the model's record
 * @param components the record's components, in constructor order
 * @param build the constructor, over values by field: {@link Double} for values, {@link Long} for
 *     integers, {@code List<Long>} for lists, {@link Enum} and {@link Boolean} as they are
 * @param endField the field whose value the phase ends on, if the shape always ends on one
 */
public record CurveSpec(
    Curve curve, Class<? extends Shape> shape, List<Component> components, Function<Map<String, Object>, Shape> build, Optional<String> endField) {

  private static final Map<Curve, CurveSpec> BY_CURVE = new EnumMap<>(Curve.class);

  static {
    add(Curve.CONSTANT, Constant.class, v -> new Constant(d(v, "value")), "value", value("value", "value", PREVIOUS_END));
    add(Curve.LINEAR, Linear.class, v -> new Linear(d(v, "from"), d(v, "to")), "to", from(), value("to", "to", REQUIRED));
    // A cosine ends on `to` only over half a period: the end field is not static.
    add(Curve.COSINE, Cosine.class, v -> new Cosine(d(v, "from"), d(v, "to"), d(v, "cycles")), null,
        from(), value("to", "to", REQUIRED), value("cycles", "cycles", "0.5"));
    add(Curve.EXPONENTIAL, Exponential.class, v -> new Exponential(d(v, "from"), d(v, "rate")), null, from(), value("rate", "rate", REQUIRED));
    add(Curve.EXPONENTIAL_TO, ExponentialTo.class, v -> new ExponentialTo(d(v, "from"), d(v, "to")), "to", from(), value("to", "to", REQUIRED));
    add(Curve.POLYNOMIAL, Polynomial.class, v -> new Polynomial(d(v, "from"), d(v, "to"), d(v, "power")), "to",
        from(), value("to", "to", REQUIRED), value("power", "power", "1"));
    add(Curve.ONE_MINUS_SQRT, OneMinusSqrt.class, v -> new OneMinusSqrt(d(v, "from"), d(v, "to")), "to", from(), value("to", "to", REQUIRED));
    add(Curve.INVERSE_SQRT, InverseSqrt.class, v -> new InverseSqrt(d(v, "peak"), d(v, "timescale"), d(v, "floor")), null,
        value("peak", "from", PREVIOUS_END), value("timescale", "timescale", REQUIRED), value("floor", "floor", "0"));
    add(Curve.STEP, StepDecay.class, v -> new StepDecay(d(v, "from"), l(v, "every"), d(v, "factor")), null,
        from(), integer("every", "every", REQUIRED), value("factor", "factor", REQUIRED));
    add(Curve.MILESTONES, Milestones.class, v -> new Milestones(d(v, "from"), longs(v, "milestones"), d(v, "factor")), null,
        from(), new Component("milestones", Kind.INTEGER_LIST, "milestones", REQUIRED), value("factor", "factor", REQUIRED));
    add(Curve.CYCLIC, Cyclic.class,
        v -> new Cyclic(d(v, "base"), d(v, "max"), l(v, "up"), l(v, "down"), (Cyclic.Mode) v.get("mode"), d(v, "gamma"), (Boolean) v.get("mirrored")),
        null,
        value("base", "from", PREVIOUS_END), value("max", "peak", REQUIRED), integer("up", "up", REQUIRED), integer("down", "down", REQUIRED),
        new Component("mode", Kind.ENUM, "cyclicMode", Cyclic.Mode.TRIANGULAR), value("gamma", "gamma", "1"),
        new Component("mirrored", Kind.BOOLEAN, "mirrored", false));
    add(Curve.COSINE_RESTARTS, CosineRestarts.class, v -> new CosineRestarts(d(v, "from"), d(v, "floor"), l(v, "t0"), l(v, "tMult")), null,
        from(), value("floor", "floor", "0"), integer("t0", "t0", REQUIRED), integer("tMult", "tMult", "1"));
    add(Curve.ONE_CYCLE, OneCycle.class,
        v -> new OneCycle(d(v, "start"), d(v, "peak"), d(v, "end"), d(v, "pctStart"), (OneCycle.Anneal) v.get("anneal"), (Boolean) v.get("threePhase")),
        "end",
        value("start", "from", PREVIOUS_END), value("peak", "peak", REQUIRED), value("end", "to", REQUIRED), value("pctStart", "pctStart", "0.3"),
        new Component("anneal", Kind.ENUM, "anneal", OneCycle.Anneal.COS), new Component("threePhase", Kind.BOOLEAN, "threePhase", false));
    // PyTorch's ReduceLROnPlateau defaults for what the annotation does not expose.
    add(Curve.PLATEAU, Plateau.class,
        v -> new Plateau(d(v, "initial"), (Plateau.Mode) v.get("mode"), d(v, "factor"), l(v, "patience"), d(v, "threshold"),
            (Plateau.ThresholdMode) v.get("thresholdMode"), l(v, "cooldown"), d(v, "minValue"), d(v, "eps")),
        "initial",
        value("initial", "from", PREVIOUS_END), new Component("mode", Kind.FIXED, null, Plateau.Mode.MIN), value("factor", "factor", "0.1"),
        integer("patience", "patience", "10"), new Component("threshold", Kind.FIXED, null, 1e-4),
        new Component("thresholdMode", Kind.FIXED, null, Plateau.ThresholdMode.REL), new Component("cooldown", Kind.FIXED, null, 0L),
        value("minValue", "floor", "0"), new Component("eps", Kind.FIXED, null, 1e-8));
  }

  public CurveSpec {
    components = List.copyOf(components);
  }

  /** The spec of {@code curve}. */
  public static CurveSpec of(Curve curve) {
    return BY_CURVE.get(curve);
  }

  /** The component an attribute gives, if this curve takes that attribute. */
  public Optional<Component> byAttribute(String attribute) {
    return components.stream().filter(c -> attribute.equals(c.attribute())).findFirst();
  }

  /** The component of a model field. */
  public Optional<Component> byField(String field) {
    return components.stream().filter(c -> c.field().equals(field)).findFirst();
  }

  /** The attributes this curve takes, in order (for messages). */
  public List<String> attributes() {
    return components.stream().map(Component::attribute).filter(a -> a != null).toList();
  }

  /** The shape with these values. */
  public Shape build(Map<String, Object> values) {
    return build.apply(values);
  }

  private static void add(Curve curve, Class<? extends Shape> shape, Function<Map<String, Object>, Shape> build, String endField, Component... components) {
    BY_CURVE.put(curve, new CurveSpec(curve, shape, List.of(components), build, Optional.ofNullable(endField)));
  }

  private static Component from() {
    return value("from", "from", PREVIOUS_END);
  }

  private static Component value(String field, String attribute, String fallback) {
    return new Component(field, Kind.VALUE, attribute, fallback);
  }

  private static Component integer(String field, String attribute, String fallback) {
    return new Component(field, Kind.INTEGER, attribute, fallback);
  }

  private static double d(Map<String, Object> values, String field) {
    return ((Number) values.get(field)).doubleValue();
  }

  private static long l(Map<String, Object> values, String field) {
    return ((Number) values.get(field)).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Long> longs(Map<String, Object> values, String field) {
    return (List<Long>) values.get(field);
  }
}
