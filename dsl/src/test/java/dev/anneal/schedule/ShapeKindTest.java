package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.RuleCode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue of kinds agrees with the model: every shape, its name, and whether it may run forever. */
class ShapeKindTest {

  static Stream<Shape> examples() {
    return Stream.of(
        new Constant(1),
        new Linear(0, 1),
        new Cosine(1, 0),
        new Exponential(1, 0.9),
        new ExponentialTo(1, 0.1),
        new Polynomial(1, 0, 2),
        new OneMinusSqrt(1, 0),
        new InverseSqrt(1e-3, 1000),
        new StepDecay(0.1, 30, 0.1),
        new Milestones(0.1, List.of(30L, 60L), 0.1),
        new Cyclic(1e-4, 1e-3, 200, 200, Cyclic.Mode.TRIANGULAR, 1.0, false),
        new CosineRestarts(0.1, 1e-5, 50, 2),
        new OneCycle(4e-4, 0.01, 4e-8, 0.3, OneCycle.Anneal.COS, false),
        Plateau.withDefaults(0.1),
        new LogWarmup(0, 1e-3),
        new LinearGrowth(1e-4, 5, 100, false),
        new StairCycle(1e-4, 1e-3, 200, 300, 4, 4, false),
        new InverseTimeDecay(1e-4, 0.001, 1000),
        new PostCycleMomentum(0.9, 0.001, 1000),
        new Shifted(new Cosine(1, 0.1), 1),
        new Reversed(new Linear(0, 1)),
        new CosineHardRestarts(1, 0, 2.5),
        Segment.ofSteps(Segment.Curve.COSINE, 3e-4, 3e-5, 1000));
  }

  @Test
  void everyPermittedShapeHasExactlyOneKind() {
    Set<Class<?>> permitted = Set.of(Shape.class.getPermittedSubclasses());
    List<Class<?>> catalogued = Arrays.stream(ShapeKind.values()).<Class<?>>map(ShapeKind::type).toList();

    assertEquals(permitted, Set.copyOf(catalogued));
    assertEquals(permitted.size(), catalogued.size(), "one kind per shape");
    assertEquals(permitted, examples().map(Object::getClass).collect(Collectors.toSet()), "one example per shape");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void eachKindAgreesWithItsShape(Shape shape) {
    ShapeKind kind = ShapeKind.of(shape);

    assertEquals(shape.getClass(), kind.type());
    assertEquals(shape.kind(), kind.kindName());
    switch (kind.openLength()) {
      case ALWAYS -> assertTrue(shape.allowsOpenLength());
      case NEVER -> assertFalse(shape.allowsOpenLength());
      case AS_INNER -> {
        assertEquals(new Shifted(new Constant(1), 1).allowsOpenLength(), new Constant(1).allowsOpenLength());
        assertEquals(new Shifted(new Linear(0, 1), 1).allowsOpenLength(), new Linear(0, 1).allowsOpenLength());
      }
    }
  }

  @Test
  void theOpenEndedPhraseIsTheOneNeedsLengthPrints() {
    String phrase = ShapeKind.openEndedPhrase();

    assertEquals("constant, exponential, step, milestones, inverse-sqrt, cyclic, cosine-restarts, plateau, linear-growth,"
        + " stair-cycle, inverse-time and post-cycle-momentum phases (and these shifted)", phrase);
    String message = ScheduleRules.phase(new Linear(0, 1), Phase.OPEN).get(0).message();
    assertEquals("a linear phase needs a length in steps; only " + phrase + " may run forever", message);
    assertEquals(RuleCode.NEEDS_LENGTH, ScheduleRules.phase(new Linear(0, 1), Phase.OPEN).get(0).code());
  }
}
