package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineHardRestarts;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.InverseTimeDecay;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.LinearGrowth;
import dev.anneal.schedule.LogWarmup;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.PostCycleMomentum;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeKind;
import dev.anneal.schedule.Shifted;
import dev.anneal.schedule.StairCycle;
import dev.anneal.schedule.StepDecay;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code read(write(x))} equals {@code x}, for every shape, composite, after-end policy and awkward double. */
class AnnealFormatRoundTripTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  /** At least one hand-built example of every shape; optional fields both at and off their defaults. */
  static Stream<Shape> shapes() {
    return Stream.of(
        new Constant(0.9),
        new Linear(0, 3e-4),
        new Cosine(3e-4, 3e-5),
        new Cosine(1, 0, 1.5),
        new Exponential(0.1, 0.95),
        new ExponentialTo(1e-3, 1e-5),
        new Polynomial(1e-3, 1e-7, 2.0),
        new OneMinusSqrt(3e-4, 0),
        new InverseSqrt(1e-3, 1000),
        new InverseSqrt(1e-3, 400.5, 1e-5),
        new StepDecay(0.1, 30, 0.1),
        new Milestones(0.1, List.of(30L, 60L, 80L), 0.1),
        new Milestones(0.1, List.of(30L, 30L), 0.5),
        new Cyclic(1e-4, 1e-3, 200, 200, Cyclic.Mode.TRIANGULAR, 1.0, false),
        new Cyclic(1e-4, 1e-3, 100, 300, Cyclic.Mode.TRIANGULAR2, 1.0, false),
        new Cyclic(0.8, 0.9, 250, 250, Cyclic.Mode.EXP_RANGE, 0.999, true),
        new CosineRestarts(0.1, 1e-5, 50, 2),
        new OneCycle(4e-4, 0.01, 4e-8, 0.3, OneCycle.Anneal.COS, false),
        new OneCycle(4e-4, 0.01, 4e-8, 0.25, OneCycle.Anneal.LINEAR, true),
        Plateau.withDefaults(0.1),
        new Plateau(0.1, Plateau.Mode.MAX, 0.5, 5, 0.01, Plateau.ThresholdMode.ABS, 2, 1e-5, 0),
        new LogWarmup(0, 1e-3),
        new LinearGrowth(1e-4, 5, 100, false),
        new LinearGrowth(1e-4, 0.5, 7, true),
        new StairCycle(1e-4, 1e-3, 200, 300, 4, 4, false),
        new StairCycle(0.8, 0.9, 200, 300, 0, 3, true),
        new InverseTimeDecay(1e-4, 0.001, 1000),
        new PostCycleMomentum(0.9, 0.001, 1000),
        new Shifted(new Cosine(1, 0.1), 1),
        new Shifted(new StairCycle(0.8, 0.9, 200, 300, 4, 4, true), 1),
        new Shifted(new Shifted(new Cyclic(0.8, 0.9, 20, 30, Cyclic.Mode.EXP_RANGE, 0.999, true), 2), 0),
        new Reversed(new Linear(0, 1e-3)),
        new Reversed(new Shifted(new Cosine(1e-3, 1e-5), 3)),
        new CosineHardRestarts(3e-4, 0, 2.5),
        Segment.ofSteps(Segment.Curve.COSINE, 3e-4, 3e-5, 1000),
        new Segment(Segment.Curve.EXPONENTIAL, 3e-4, 3e-5, 3, 0.5, 3000.5),
        new Segment(Segment.Curve.MINUS_SQRT, 1e-3, 1e-5, 1, 2.5, 1002.5),
        new Segment(Segment.Curve.LINEAR, 0.01, 0.1, 1024, 0, 1024e3));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyShapeRoundTripsAsAPhaseOfAPlan(Shape shape) {
    long steps = shape.allowsOpenLength() ? Phase.OPEN : 1000;
    Plan plan = new Plan(Map.of("x", new Sequence(List.of(new Phase(shape, steps)), AfterEnd.HOLD)));

    assertEquals(plan, FORMAT.read(FORMAT.write(plan)).plan());
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyShapeRoundTripsAsASingleSchedule(Shape shape) {
    Sequence schedule = new Sequence(List.of(new Phase(shape, 777)), AfterEnd.FAIL);

    assertEquals(schedule, FORMAT.readSchedule(FORMAT.writeSchedule(schedule)));
  }

  @Test
  void theExamplesCoverEveryShapeOfTheModel() {
    Set<Class<?>> covered = shapes().map(Object::getClass).collect(Collectors.toSet());
    Set<Class<?>> permitted = Set.of(Shape.class.getPermittedSubclasses());

    assertEquals(Map.of(), ShapeForms.withoutForm(), "every shape needs a JSON form");
    assertEquals(permitted, covered, "add an example of each new shape to shapes()");
  }

  /** The NeedsLength message names exactly the shapes with a formula for every step (a wrapper has one when its inner shape has). */
  @Test
  void theMessageForAnOpenPhaseNamesEveryShapeThatMayRunForever() {
    String message = RuleCode.needsLength("steps", "linear", ShapeKind.openEndedPhrase()).message();
    String list = message.substring(message.indexOf("only ") + "only ".length(), message.indexOf(" phases (and these shifted)"));
    Set<String> named = Set.of(list.replace(" and ", ", ").split(", "));
    Set<String> open = shapes()
        .filter(shape -> !(shape instanceof Shifted || shape instanceof Reversed) && shape.allowsOpenLength())
        .map(Shape::kind)
        .collect(Collectors.toSet());

    assertEquals(open, named, message);
  }

  static Stream<Schedule> composites() {
    Sequence warmupCosine = new Sequence(List.of(new Phase(new Linear(0, 3e-4), 2000), new Phase(new Cosine(3e-4, 3e-5), 98_000)));
    Sequence decay = new Sequence(List.of(new Phase(new Constant(1), 10), new Phase(new Exponential(1, 0.99), Phase.OPEN)));
    Sequence cosineOn = new Sequence(List.of(new Phase(new Cosine(1, 0), 100)), AfterEnd.CONTINUE);
    return Stream.of(
        warmupCosine,
        cosineOn,
        new Sequence(List.of(new Phase(new Linear(0, 1), 5)), AfterEnd.FAIL),
        new Product(List.of(warmupCosine, decay)),
        new Scaled(3e-4, decay),
        new Scaled(0.5, new Product(List.of(new Scaled(2, cosineOn), decay))),
        new Product(List.of(new Product(List.of(decay)), new Scaled(1e-3, new Scaled(0.1, warmupCosine)))));
  }

  @ParameterizedTest
  @MethodSource("composites")
  void everyCompositeRoundTrips(Schedule schedule) {
    assertEquals(Plan.of(schedule), FORMAT.read(FORMAT.write(Plan.of(schedule))).plan());
    assertEquals(schedule, FORMAT.readSchedule(FORMAT.writeSchedule(schedule)));
  }

  @Test
  void aPlanKeepsItsChannelsAndTheirOrder() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put("weight_decay", Sequence.of(new Linear(0, 0.1), 2000, AfterEnd.HOLD));
    channels.put("lr", composites().findFirst().orElseThrow());
    channels.put("momentum", Sequence.of(new Cyclic(0.8, 0.9, 200, 200, Cyclic.Mode.TRIANGULAR, 1.0, true), Phase.OPEN, AfterEnd.HOLD));
    channels.put("ema_decay", Sequence.of(new Constant(0.999), Phase.OPEN, AfterEnd.HOLD));
    Plan plan = new Plan(channels);

    Plan read = FORMAT.read(FORMAT.write(plan)).plan();

    assertEquals(plan, read);
    assertEquals(List.of("weight_decay", "lr", "momentum", "ema_decay"), List.copyOf(read.channels().keySet()));
  }

  /** Subnormals, sums that are not what they look like, the signed zero, the extremes, integers past 2^53. */
  static Stream<Double> trickyDoubles() {
    return Arrays.stream(new double[] {
      1e-310, Double.MIN_VALUE, Double.MIN_NORMAL, 0.1 + 0.2, -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE,
      1e23, 9007199254740993.0, 1e7, 9_999_999.0, 123_456_789.0, Math.PI, Math.nextUp(1.0), Math.nextDown(1.0),
      2e-3, -1.5e-300, 3e-4, 5e-5, 1.0 / 3, 2.0 / 3 * 1e-4
    }).boxed();
  }

  @ParameterizedTest
  @MethodSource("trickyDoubles")
  void everyDoubleParsesBackToTheSameBits(double value) {
    Sequence schedule = Sequence.of(new Constant(value), Phase.OPEN, AfterEnd.HOLD);
    Plan plan = new Plan(Map.of("x", schedule));

    Constant read = (Constant) FORMAT.readSchedule(FORMAT.writeSchedule(schedule)).phases().get(0).shape();
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(read.value()), () -> "wrote " + JsonNumbers.text(value));
    assertEquals(plan, FORMAT.read(FORMAT.write(plan)).plan());
    Scaled scaled = new Scaled(value, Sequence.of(new Constant(1), Phase.OPEN, AfterEnd.HOLD));
    assertEquals(scaled, FORMAT.readSchedule(FORMAT.writeSchedule(scaled)));
  }

  @Test
  void writingLaysThePlanOutForPeople() {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    channels.put("lr", new Sequence(List.of(new Phase(new Linear(0, 3e-4), 2000), new Phase(new Cosine(3e-4, 3e-5), 98_000))));
    channels.put("momentum", new Scaled(0.5, new Product(List.of(
        Sequence.of(new Constant(1.8), Phase.OPEN, AfterEnd.HOLD),
        Sequence.of(new Cyclic(0.8, 0.9, 200, 300, Cyclic.Mode.EXP_RANGE, 0.999, true), Phase.OPEN, AfterEnd.CONTINUE)))));

    assertEquals(
        """
        {
          "lr": {
            "phases": [
              {"shape": "linear", "from": 0, "to": 3e-4, "steps": 2000},
              {"shape": "cosine", "from": 3e-4, "to": 3e-5, "steps": 98000}
            ],
            "after": "hold"
          },
          "momentum": {
            "factor": 0.5,
            "schedule": {
              "factors": [
                {
                  "phases": [
                    {"shape": "constant", "value": 1.8, "steps": "forever"}
                  ],
                  "after": "hold"
                },
                {
                  "phases": [
                    {"shape": "cyclic", "base": 0.8, "max": 0.9, "up": 200, "down": 300, "mode": "exp_range", "gamma": 0.999, "mirrored": true, "steps": "forever"}
                  ],
                  "after": "continue"
                }
              ]
            }
          }
        }
        """,
        FORMAT.write(new Plan(channels)));
  }

  @Test
  void aWrappedShapeIsWrittenAsANestedObjectWithoutSteps() {
    Sequence schedule = new Sequence(List.of(
        new Phase(new Shifted(new Cosine(1, 0.1), 1), 99),
        new Phase(new Reversed(new Shifted(new Cosine(1, 0.1, 1.5), 2)), 10)), AfterEnd.HOLD);

    assertEquals(
        """
        {
          "phases": [
            {"shape": "shifted", "inner": {"shape": "cosine", "from": 1, "to": 0.1}, "by": 1, "steps": 99},
            {"shape": "reversed", "inner": {"shape": "shifted", "inner": {"shape": "cosine", "from": 1, "to": 0.1, "cycles": 1.5}, "by": 2}, "steps": 10}
          ],
          "after": "hold"
        }
        """,
        FORMAT.writeSchedule(schedule));
  }

  @Test
  void optionalFieldsAtTheirDefaultAreLeftOutAndOthersWritten() {
    String defaults = FORMAT.writeSchedule(Sequence.of(Plateau.withDefaults(0.1), Phase.OPEN, AfterEnd.HOLD));
    String explicit = FORMAT.writeSchedule(Sequence.of(new InverseSqrt(1e-3, 1000, -0.0), Phase.OPEN, AfterEnd.HOLD));

    assertTrue(defaults.contains("{\"shape\": \"plateau\", \"initial\": 0.1, \"steps\": \"forever\"}"), defaults);
    assertTrue(explicit.contains("{\"shape\": \"inverse-sqrt\", \"peak\": 0.001, \"timescale\": 1000, \"floor\": -0.0, \"steps\": \"forever\"}"), explicit);
  }
}
