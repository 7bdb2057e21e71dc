package dev.anneal.processor.check;

import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.read.Declaration;
import dev.anneal.processor.read.Located;
import dev.anneal.processor.read.PhaseDraft;
import dev.anneal.processor.read.Site;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Clock;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Lengths in epochs, samples or tokens ({@code @PhaseSpec(unit = …)}) resolved to updates against
 * the annotation's {@code @Geometry}, with dsl's {@link RunGeometry} (never its arithmetic again):
 * the geometry is built from the constants written, and each phase ends where {@link
 * RunGeometry#updates(Length, long, String)} says, from the updates before it, as the builder's
 * {@code build(geometry)} resolves them. A record's lengths are resolved the same way by the
 * generated class, at run time ({@code ConfigBinding.updates}); here only whether the geometry has
 * what their units need is checked.
 */
public final class UnitLengths {
  private final Optional<RunGeometry> geometry;
  private final Site where;
  private final Optional<Clock> clock;

  private UnitLengths(Optional<RunGeometry> geometry, Site where, Optional<Clock> clock) {
    this.geometry = geometry;
    this.where = where;
    this.clock = clock;
  }

  /**
   * The geometry of {@code declaration}'s annotation, if it gives one, and its clock; an invalid
   * geometry (a figure below 1, a data-set size without a batch size, a bad batch schedule) is
   * reported on the attribute at fault, and every length in a unit then fails to resolve without
   * a further message.
   */
  static UnitLengths of(Declaration declaration, List<Finding> out) {
    AnnotationMirror annotation = declaration.where().annotation();
    Optional<Clock> clock = clock(declaration, out);
    AnnotationValue value = attribute(annotation, "geometry");
    if (value == null || !(value.getValue() instanceof AnnotationMirror written)) {
      clock.ifPresent(c -> out.add(new Finding(RuleCode.unitNeedsGeometry("clock", "clock", c.name(), c.jsonName(), "a run geometry",
          "give the annotation geometry = @Geometry(…) with its batch schedule"), clockSite(declaration))));
      return new UnitLengths(Optional.empty(), declaration.where(), Optional.empty());
    }
    Site at = declaration.where().at(value);
    Map<String, AnnotationValue> attributes = new LinkedHashMap<>();
    written.getElementValues().forEach((name, figure) -> attributes.put(name.getSimpleName().toString(), figure));
    try {
      RunGeometry geometry = GeometryAttributes.build(attributes);
      if (clock.isPresent() && !clockable(geometry, clock.get(), declaration, out)) {
        return new UnitLengths(Optional.empty(), null, Optional.empty());
      }
      return new UnitLengths(Optional.of(geometry), at, clock);
    } catch (InvalidScheduleException e) {
      for (Violation violation : e.violations()) {
        String attribute = camelCase(violation.path());
        AnnotationValue narrowest = attributes.get(attribute);
        out.add(new Finding(violation.relocated("geometry." + attribute, violation.path(), attribute),
            narrowest == null ? at : declaration.where().at(narrowest)));
      }
      return new UnitLengths(Optional.empty(), null, Optional.empty());
    }
  }

  /** The {@code clock} written on a {@code @TrainingSchedule}, if one; more than one, or on a record, is reported. */
  private static Optional<Clock> clock(Declaration declaration, List<Finding> out) {
    AnnotationValue value = attribute(declaration.where().annotation(), "clock");
    if (value == null || !(value.getValue() instanceof List<?> items) || items.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = items.stream().map(item -> ((AnnotationValue) item).getValue().toString()).toList();
    Site where = declaration.where().at(value);
    if (names.size() > 1) {
      out.add(new Finding(ProcessorCode.invalidClock("clock", String.join(", ", names), "names more than one clock",
          "give one: SAMPLES or TOKENS"), where));
      return Optional.empty();
    }
    String name = names.get(0);
    if (declaration.parameterized()) {
      out.add(new Finding(ProcessorCode.invalidClock("clock", name,
          "applies only to a fixed schedule, and a record's lengths are known only at run time",
          "build it with the builder's clockedIn(Clock." + name + ").build(geometry), or declare the schedule on an interface with constants"), where));
      return Optional.empty();
    }
    return Optional.of(Clock.valueOf(name));
  }

  private static Site clockSite(Declaration declaration) {
    return declaration.where().at(attribute(declaration.where().annotation(), "clock"));
  }

  /** Whether {@code geometry} can count {@code clock}: a batch schedule, and a sequence length for tokens; reported if not. */
  private static boolean clockable(RunGeometry geometry, Clock clock, Declaration declaration, List<Finding> out) {
    if (geometry.batchSchedule().isEmpty()) {
      out.add(new Finding(RuleCode.unitNeedsGeometry("clock", "clock", clock.name(), clock.jsonName(), "a global batch in the run geometry",
          "give @Geometry globalBatch, batchSteps, the ramp (rampStart, rampIncrement, rampFull, rampSamples or rampTokens) or batchSize"),
          clockSite(declaration)));
      return false;
    }
    if (clock == Clock.TOKENS && geometry.sequenceLength().isEmpty()) {
      out.add(new Finding(RuleCode.unitNeedsGeometry("clock", "clock", clock.name(), clock.jsonName(), "a sequence length in the run geometry",
          "give @Geometry sequenceLength"), clockSite(declaration)));
      return false;
    }
    return true;
  }

  /** The clock of {@code declaration}, as {@link #of} read it (empty when none, or when it was refused). */
  public static Optional<Clock> clockOf(Declaration declaration) {
    AnnotationValue value = attribute(declaration.where().annotation(), "clock");
    if (declaration.parameterized() || value == null || !(value.getValue() instanceof List<?> items) || items.size() != 1) {
      return Optional.empty();
    }
    return Optional.of(Clock.valueOf(((AnnotationValue) items.get(0)).getValue().toString()));
  }

  /** The clock the lengths count, if the schedule is clocked. */
  Optional<Clock> clock() {
    return clock;
  }

  /**
   * The {@link RunGeometry.Builder} calls {@code declaration}'s {@code @Geometry} writes, by
   * method name in source order ({@code batchSize → 256L}), for a generated class that resolves
   * a record's lengths at run time; empty without a geometry.
   */
  public static Map<String, Object> geometryCalls(Declaration declaration) {
    Map<String, Object> calls = new LinkedHashMap<>();
    AnnotationValue value = attribute(declaration.where().annotation(), "geometry");
    if (value != null && value.getValue() instanceof AnnotationMirror written) {
      written.getElementValues().forEach((attribute, figure) -> calls.put(attribute.getSimpleName().toString(), figure.getValue()));
    }
    return calls;
  }

  /**
   * For a record, whose amounts are known only at run time: whether the geometry has what {@code
   * unit} needs, reporting on {@code steps} if it does not.
   */
  boolean available(Arg.Expr steps, Unit unit, List<Finding> out) {
    if (where == null) {
      return false; // the geometry itself is invalid, and reported
    }
    if (geometry.isEmpty()) {
      out.add(new Finding(RuleCode.unitNeedsGeometry(steps.path(), "steps", steps.text(), unit.jsonName(), "a run geometry",
          "give the annotation geometry = @Geometry(…)"), steps.where()));
      return false;
    }
    Optional<Violation> missing = missing(geometry.get(), steps.path(), unit, steps.text());
    missing.ifPresent(violation -> out.add(new Finding(violation, steps.where())));
    return missing.isEmpty();
  }

  /**
   * Warns ({@code UnusedGeometry}) about a geometry that no length of {@code declaration} uses:
   * a setting that would otherwise change nothing without a word.
   */
  void warnIfUnused(Declaration declaration, List<Finding> out) {
    if (where == null || geometry.isEmpty() || attribute(declaration.where().annotation(), "clock") != null) {
      return; // a clock uses the geometry's batch schedule (a refused one is reported, and that is enough)
    }
    boolean used = declaration.channels().stream().flatMap(channel -> channel.phases().stream()).anyMatch(phase -> unitOf(phase) != Unit.UPDATES);
    if (!used) {
      out.add(new Finding(ProcessorCode.unusedGeometry("geometry"), where));
    }
  }

  /** The phase's unit, {@link Unit#UPDATES} unless its {@code unit} attribute says otherwise. */
  public static Unit unitOf(PhaseDraft phase) {
    Located<String> unit = phase.attributes().get("unit");
    return unit == null ? Unit.UPDATES : Unit.valueOf(unit.value());
  }

  /**
   * A later channel's phase that takes its length from the first channel's {@code lengthGiver}:
   * with that phase's unit too, so both resolve to the same updates.
   */
  static PhaseDraft sharingUnit(PhaseDraft phase, PhaseDraft lengthGiver) {
    Located<String> unit = lengthGiver.attributes().get("unit");
    Map<String, Located<String>> attributes = new LinkedHashMap<>(phase.attributes());
    if (unit == null) {
      attributes.remove("unit"); // a unit of its own is refused (UnitWithoutLength): the length is the first channel's
    } else {
      attributes.put("unit", unit);
    }
    return new PhaseDraft(phase.curve(), attributes, phase.milestones(), phase.where());
  }

  /**
   * The updates of a phase {@code amount} long in {@code unit}, starting after {@code start}
   * updates; empty after reporting why it has none.
   */
  Optional<Long> updates(Arg.Expr steps, Unit unit, Number amount, long start, List<Finding> out) {
    if (where == null) {
      return Optional.empty(); // the geometry itself is invalid, and reported
    }
    try {
      Length length = amount instanceof Long whole ? new Length(BigDecimal.valueOf(whole), unit) : Length.of(amount.doubleValue(), unit);
      if (geometry.isEmpty()) {
        out.add(new Finding(RuleCode.unitNeedsGeometry(steps.path(), "steps", length, unit.jsonName(), "a run geometry",
            "give the annotation geometry = @Geometry(…)"), steps.where()));
        return Optional.empty();
      }
      Optional<Violation> missing = missing(geometry.get(), steps.path(), unit, length);
      if (missing.isPresent()) {
        out.add(new Finding(missing.get(), steps.where()));
        return Optional.empty();
      }
      return Optional.of(geometry.get().updates(length, start, steps.path()));
    } catch (InvalidScheduleException e) {
      e.violations().forEach(violation -> out.add(new Finding(violation.relocated(steps.path(), null, null), steps.where())));
      return Optional.empty();
    }
  }

  /**
   * A clocked schedule's phase length in the clock's unit: a bare count as written, a length in
   * samples or tokens converted exactly ({@link RunGeometry#inClock}); empty after reporting why not.
   *
   * @param unit the unit written, or empty when the phase leaves {@code unit} out
   */
  Optional<Long> inClock(Arg.Expr steps, Optional<Unit> unit, Number amount, List<Finding> out) {
    if (unit.isEmpty()) {
      return Optional.of(amount.longValue());
    }
    try {
      Length length = amount instanceof Long whole ? new Length(BigDecimal.valueOf(whole), unit.get()) : Length.of(amount.doubleValue(), unit.get());
      return Optional.of(geometry.orElseThrow().inClock(length, clock.orElseThrow(), steps.path(), "steps"));
    } catch (InvalidScheduleException e) {
      e.violations().forEach(violation -> out.add(new Finding(violation.relocated(steps.path(), null, null), steps.where())));
      return Optional.empty();
    }
  }

  /**
   * What {@code length}'s unit needs that the geometry lacks, worded with {@code @Geometry}'s
   * attributes (dsl's own message names Anneal JSON's keys).
   */
  private static Optional<Violation> missing(RunGeometry geometry, String path, Unit unit, Object length) {
    String name = unit.jsonName();
    if (unit == Unit.EPOCHS && geometry.updatesPerEpoch().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(path, "steps", length, name, "the updates per epoch in the run geometry",
          "give @Geometry updatesPerEpoch, or datasetSize with batchSize"));
    }
    if (unit == Unit.TOKENS && geometry.sequenceLength().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(path, "steps", length, name, "a sequence length in the run geometry", "give @Geometry sequenceLength"));
    }
    if ((unit == Unit.SAMPLES || unit == Unit.TOKENS) && geometry.batchSchedule().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(path, "steps", length, name, "a global batch in the run geometry",
          "give @Geometry batchSize, globalBatch, batchSteps or the ramp"));
    }
    return Optional.empty();
  }

  /** A geometry figure's name as the builder reports it ({@code batch_size}) to the attribute's ({@code batchSize}). */
  private static String camelCase(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static AnnotationValue attribute(AnnotationMirror annotation, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
