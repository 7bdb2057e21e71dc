package dev.anneal.config.anneal;

import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.LinearGrowth;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StairCycle;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of every shape, found from the permitted subclasses of {@link Shape}: a shape
 * added to the model is readable and writable without a change here, and a field left optional
 * only where this class gives it a default.
 */
final class ShapeForms {
  /**
   * The defaults of optional fields, taken from the model's own convenience constructors wherever
   * it has one, so that JSON and Java leave out the same things with the same meaning.
   */
  private static final Map<Class<?>, Map<String, Object>> DEFAULTS =
      Map.of(
          Cosine.class, Map.of("cycles", new Cosine(0, 0).cycles()),
          InverseSqrt.class, Map.of("floor", new InverseSqrt(1, 1).floor()),
          Cyclic.class, Map.of("mode", Cyclic.Mode.TRIANGULAR, "gamma", 1.0, "mirrored", false),
          OneCycle.class, Map.of("anneal", OneCycle.Anneal.COS, "threePhase", false),
          Plateau.class, plateauDefaults(),
          // As for cyclic; and as DeepSpeed's lr_range_test_staircase defaults.
          StairCycle.class, Map.of("mirrored", false),
          LinearGrowth.class, Map.of("staircase", false),
          Segment.class, segmentDefaults());

  private static final Map<String, ShapeForm> BY_KIND = new LinkedHashMap<>();
  private static final Map<Class<?>, ShapeForm> BY_TYPE = new LinkedHashMap<>();
  /** Shapes with no JSON form, and why: empty unless a new shape has a field of an unusual type. */
  private static final Map<Class<?>, String> WITHOUT_FORM = new LinkedHashMap<>();

  static {
    for (Class<?> permitted : Shape.class.getPermittedSubclasses()) {
      Class<? extends Shape> type = permitted.asSubclass(Shape.class);
      try {
        ShapeForm form = ShapeForm.of(type, DEFAULTS.getOrDefault(type, Map.of()));
        BY_KIND.put(form.kind(), form);
        BY_TYPE.put(type, form);
      } catch (IllegalArgumentException | IllegalStateException e) {
        WITHOUT_FORM.put(type, e.getMessage());
      }
    }
  }

  private ShapeForms() {}

  /** A segment counted in steps, as {@link Segment#ofSteps} makes one: a step is one unit, and the phase starts at progress 0. */
  private static Map<String, Object> segmentDefaults() {
    Segment inSteps = Segment.ofSteps(Segment.Curve.LINEAR, 0, 0, 1);
    return Map.of("unitsPerStep", inSteps.unitsPerStep(), "origin", inSteps.origin());
  }

  /** Plateau's optional fields are all but {@code initial}, defaulting to PyTorch's values. */
  private static Map<String, Object> plateauDefaults() {
    Plateau defaults = Plateau.withDefaults(0);
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent component : Plateau.class.getRecordComponents()) {
      if (!component.getName().equals("initial")) {
        try {
          out.put(component.getName(), component.getAccessor().invoke(defaults));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read Plateau." + component.getName(), e);
        }
      }
    }
    return out;
  }

  /** The form whose {@code "shape"} is {@code kind}, or {@code null}. */
  static ShapeForm byKind(String kind) {
    return BY_KIND.get(kind);
  }

  /** The form of {@code shape}'s class, or {@code null} if it has none (see {@link #withoutForm()}). */
  static ShapeForm of(Shape shape) {
    return BY_TYPE.get(shape.getClass());
  }

  /** Every kind, in the order {@link Shape} permits them. */
  static List<String> kinds() {
    return List.copyOf(BY_KIND.keySet());
  }

  static List<ShapeForm> all() {
    return List.copyOf(BY_KIND.values());
  }

  static Map<Class<?>, String> withoutForm() {
    return Collections.unmodifiableMap(WITHOUT_FORM);
  }
}
