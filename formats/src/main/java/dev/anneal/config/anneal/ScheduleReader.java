package dev.anneal.config.anneal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.PlanRules;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Stepped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads the Anneal JSON tree into the model. Every problem is recorded with its JSON path and
 * reading goes on, so one pass reports them all; a part with a problem reads as {@code null}.
 * Model rules (lengths, bounds, after-end policies) run in the model's constructors and are moved
 * to the key the user wrote.
 */
final class ScheduleReader {
  /** The keys of a phase besides its shape's fields. */
  static final Set<String> PHASE_KEYS = Set.of("shape", "steps");

  /** The value of {@code "steps"} for a last phase that never ends. */
  static final String FOREVER = "forever";

  /** Keys that make a top-level object one schedule rather than a plan of channels. */
  static final List<String> SCHEDULE_KEYS = List.of("phases", "after", "factors", "factor", "schedule", "shape", "steps", "cadence", "clock");

  /** The key of a schedule's stepping cadence. */
  static final String CADENCE = "cadence";

  /** The key of a schedule clocked in samples or tokens consumed. */
  static final String CLOCK = "clock";

  private static final List<String> AFTER_END = Arrays.stream(AfterEnd.values()).map(FieldForm::jsonName).toList();

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private ScheduleReader() {}

  /** Whether the top-level {@code object} is a single schedule (otherwise it is a plan). */
  static boolean isSchedule(JsonFields object) {
    return object.keys().stream().anyMatch(SCHEDULE_KEYS::contains);
  }

  /** The channels of a plan: every key of {@code root} names one. */
  static Map<String, Schedule> channels(JsonFields root, Units units) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    List<String> names = root.keys();
    if (names.isEmpty()) {
      root.problems().add(ConfigCode.missingKey("",
          "'lr'; an Anneal config is a plan, {\"lr\": {\"phases\": […]}, …}, or a single schedule, {\"phases\": […]}"));
    }
    for (String name : names) {
      if (name.equals(GeometryReader.KEY) || name.equals(AnnealFormat.DESCRIPTION_KEY)) {
        continue;
      }
      if (root.raw(name).isNull()) {
        root.problems().add(ConfigCode.wrongType(root.path(name), null, "a schedule (an object)", "null"));
        continue;
      }
      if (!isChannelName(root, name)) {
        continue;
      }
      JsonFields channel = root.optObject(name);
      Schedule schedule = channel == null ? null : schedule(channel, units);
      if (schedule != null) {
        channels.put(name, schedule);
      }
    }
    return channels;
  }

  /**
   * Any lower-case name is a channel of its own, so a misspelled {@code momentum} would silently
   * become a channel nobody reads (the plan rules' {@link PlanRules#misspelledChannel}), and a
   * misspelled {@code phases} would turn a schedule into a plan: a name one or two edits from one
   * of those (case, dashes and underscores aside) is refused with a "did you mean". PlanRules
   * reports other names that are not lower case.
   */
  private static boolean isChannelName(JsonFields root, String name) {
    if (PlanRules.WELL_KNOWN_CHANNELS.contains(name)) {
      return true;
    }
    Optional<Violation> misspelled = PlanRules.misspelledChannel(root.path(name), name);
    if (misspelled.isPresent()) {
      root.problems().add(misspelled.get());
      return false;
    }
    String closeKey = nearMiss(name, SCHEDULE_KEYS);
    if (closeKey != null) {
      root.problems().add(ConfigCode.unknownKey(root.path(name), name, "; did you mean `" + closeKey + "`?"));
      return false;
    }
    return true;
  }

  /** The name in {@code known} at most one edit from {@code name} (two for names of six letters or more). */
  private static String nearMiss(String name, Collection<String> known) {
    String normal = normalize(name);
    int allowed = normal.length() >= 6 ? 2 : 1;
    for (String candidate : known) {
      if (DISTANCE.apply(normal, normalize(candidate)) <= allowed) {
        return candidate;
      }
    }
    return null;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** The schedule {@code object} describes: a sequence, a product or a scaled schedule. */
  static Schedule schedule(JsonFields object, Units units) {
    if (object.peek(CLOCK) != null) {
      return ClockReader.clocked(object, units);
    }
    if (object.peek(CADENCE) != null) {
      return stepped(object, units);
    }
    List<String> keys = object.keys();
    if (keys.contains("phases")) {
      return sequence(object, units);
    }
    if (keys.contains("factors")) {
      return product(object, units);
    }
    if (keys.contains("factor") || keys.contains("schedule")) {
      return scaled(object, units);
    }
    if (keys.contains("shape")) {
      object.problems().add(ConfigCode.missingKey(object.path("phases"),
          "'phases'; a phase goes inside a list: {\"phases\": [{\"shape\": …, \"steps\": …}]}"));
      return null;
    }
    // Misspelled keys ("phses") are the likely cause: report them with a "did you mean" alone.
    int before = count(object);
    object.allow(SCHEDULE_KEYS.stream().filter(key -> !PHASE_KEYS.contains(key) && !key.equals(CADENCE) && !key.equals(CLOCK)).toArray(String[]::new));
    object.rejectUnknownKeys();
    if (count(object) == before) {
      object.problems().add(ConfigCode.missingKey(object.path("phases"),
          "'phases'; a schedule is {\"phases\": […]}, {\"factors\": […]} or {\"factor\": …, \"schedule\": {…}}"));
    }
    return null;
  }

  static Schedule sequence(JsonFields object, Units units) {
    int before = count(object);
    List<JsonFields> phaseObjects = object.requireObjects("phases");
    String after = object.optChoice("after", AFTER_END, "hold");
    List<Phase> phases = new ArrayList<>();
    long start = 0; // own steps before the phase: a length in a unit is measured from there
    for (JsonFields phaseObject : phaseObjects) {
      Phase phase = phase(phaseObject, units, start);
      if (phase != null) {
        phases.add(phase);
        start = phase.isOpen() || phase.steps() > Long.MAX_VALUE - start ? Phase.OPEN : start + phase.steps();
      }
    }
    object.rejectUnknownKeys();
    if (count(object) > before) {
      return null;
    }
    AfterEnd afterEnd = AfterEnd.valueOf(after.toUpperCase(Locale.ROOT));
    return object.build(() -> new Sequence(phases, afterEnd), Map.of("afterEnd", "after"));
  }

  private static Phase phase(JsonFields object, Units units, long start) {
    int before = count(object);
    ShapeForm form = form(object);
    int beforeSteps = count(object);
    long steps = steps(object, units, start);
    boolean stepsRead = count(object) == beforeSteps;
    long startUpdate = start > Long.MAX_VALUE / units.updatesPerStep() ? Long.MAX_VALUE : start * units.updatesPerStep();
    Shape shape = fields(object, form, LengthFields.resolve(object, form == null ? null : form.kind(), units, startUpdate));
    if (count(object) > before) {
      if (stepsRead && steps != Phase.OPEN) {
        // The phase cannot be built, but its length can still be checked: one pass reports all.
        List<Violation> length = new ArrayList<>();
        Rules.atLeastOne(length, "steps", steps);
        length.forEach(violation -> object.problems().add(object.relocate(violation, Map.of())));
      }
      return null;
    }
    Shape built = shape;
    return object.build(() -> new Phase(built, steps), Map.of());
  }

  /**
   * The shape a wrapping shape's field holds ({@code "inner": {"shape": "cosine", …}}): a shape
   * without {@code steps}, since it runs over its phase's steps. {@code null} if it has a problem
   * (recorded at its JSON path).
   */
  static Shape innerShape(JsonFields object) {
    int before = count(object);
    ShapeForm form = form(object);
    if (object.has("steps")) {
      object.problems().add(ConfigCode.unknownKey(object.path("steps"), "steps",
          "; an inner shape runs over the steps of its phase: give them to the phase only"));
    }
    Shape shape = fields(object, form);
    return count(object) > before ? null : shape;
  }

  /** The form that {@code object}'s {@code "shape"} key names, or {@code null} (the problem recorded). */
  private static ShapeForm form(JsonFields object) {
    if (!object.has("shape")) {
      object.problems().add(ConfigCode.missingKey(object.path("shape"), "'shape'; one of: " + String.join(", ", ShapeForms.kinds())));
      return null;
    }
    String kind = object.optChoice("shape", ShapeForms.kinds(), null);
    return kind == null ? null : ShapeForms.byKind(kind);
  }

  /** The shape of {@code form} that {@code object}'s other keys describe; {@code null} without a form or on a problem. */
  private static Shape fields(JsonFields object, ShapeForm form) {
    return fields(object, form, Map.of());
  }

  /** {@link #fields(JsonFields, ShapeForm)} with some fields' values already resolved (lengths in units). */
  private static Shape fields(JsonFields object, ShapeForm form, Map<String, Object> resolved) {
    if (form == null) {
      return null; // without a shape its fields are unknown: no "unknown key" noise
    }
    Shape shape = object.build(() -> form.read(object, resolved), Map.of());
    object.rejectUnknownKeys();
    return shape;
  }

  private static long steps(JsonFields object, Units units, long start) {
    JsonNode raw = object.raw("steps");
    if (raw != null && raw.isObject()) {
      return LengthReader.steps(object, units, start > Long.MAX_VALUE / units.updatesPerStep() ? Long.MAX_VALUE : start * units.updatesPerStep());
    }
    if (raw != null && raw.isTextual()) {
      if (FOREVER.equals(raw.textValue())) {
        return Phase.OPEN;
      }
      String found = "the string \"" + raw.textValue() + "\"";
      object.problems().add(ConfigCode.wrongType(object.path("steps"), raw.textValue(), "an integer or \"forever\"", found));
      return 1;
    }
    long steps = object.requireLong("steps");
    if (steps == Phase.OPEN) {
      // The model spells "forever" as Long.MAX_VALUE; the number itself is no length.
      object.problems().add(RuleCode.outOfRange(object.path("steps"), "steps", steps,
          "[1, " + (Phase.OPEN - 1) + "]; write \"forever\" for a last phase that never ends"));
    }
    return steps;
  }

  static Schedule product(JsonFields object, Units units) {
    int before = count(object);
    List<Schedule> factors = new ArrayList<>();
    for (JsonFields factor : object.requireObjects("factors")) {
      factors.add(schedule(factor, units));
    }
    object.rejectUnknownKeys();
    if (count(object) > before) {
      return null;
    }
    return object.build(() -> new Product(factors), Map.of());
  }

  static Schedule scaled(JsonFields object, Units units) {
    int before = count(object);
    double factor = object.requireDouble("factor");
    JsonFields inner = object.requireObject("schedule");
    Schedule schedule = inner == null ? null : schedule(inner, units);
    object.rejectUnknownKeys();
    if (count(object) > before) {
      return null;
    }
    return object.build(() -> new Scaled(factor, schedule), Map.of());
  }

  /**
   * A schedule with a {@code "cadence"}: its other keys are read as a schedule whose bare lengths
   * count its own steps, and the result is wrapped in {@link Stepped}.
   */
  private static Schedule stepped(JsonFields object, Units units) {
    int before = count(object);
    Cadence cadence = CadenceReader.read(object, units);
    object.allow(CADENCE);
    if (cadence != null && units.updatesPerStep() != 1) {
      object.problems().add(ConfigCode.unknownKey(object.path(CADENCE), CADENCE,
          "; a schedule inside one with a cadence is stepped with it: give the cadence once, on the outer schedule"));
    }
    List<String> keys = object.keys();
    Units inner = cadence == null ? units : units.stepping(cadence.updates());
    Schedule schedule = keys.contains("phases") ? sequence(object, inner)
        : keys.contains("factors") ? product(object, inner)
        : keys.contains("factor") || keys.contains("schedule") ? scaled(object, inner)
        : null;
    if (schedule == null && count(object) == before) {
      object.problems().add(ConfigCode.missingKey(object.path("phases"),
          "'phases'; a cadence goes beside a schedule's own keys: {\"cadence\": \"epoch\", \"phases\": […]}"));
    }
    if (schedule == null || cadence == null || count(object) > before) {
      return null;
    }
    return cadence instanceof Cadence.PerUpdate ? schedule : object.build(() -> new Stepped(schedule, cadence), Map.of());
  }

  static int count(JsonFields object) {
    return object.problems().all().size();
  }
}
