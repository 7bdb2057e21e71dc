package dev.anneal.config.anneal;

import dev.anneal.config.JsonConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.RuleSet;
import dev.anneal.schedule.Schedule;
import java.util.Map;
import java.util.Optional;

/**
 * Anneal's own JSON form of a {@link Plan} or of a single {@link Schedule}, written to be read and
 * written by hand (the reference is {@code docs/anneal-json.md}):
 *
 * <pre>{@code
 * {
 *   "lr": {
 *     "phases": [
 *       {"shape": "linear", "from": 0, "to": 3e-4, "steps": 2000},
 *       {"shape": "cosine", "from": 3e-4, "to": 3e-5, "steps": 98000}
 *     ],
 *     "after": "hold"
 *   },
 *   "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": "forever"}]}
 * }
 * }</pre>
 *
 * <p>A top-level object with a schedule's own keys ({@code phases}, {@code factors}, {@code
 * factor}/{@code schedule}) is a single schedule, read as a plan whose only channel is {@code
 * lr}; otherwise every key is a channel. Reading is strict: unknown keys and shape names are
 * refused with their JSON path and a "did you mean", and the model's rules report at the key the
 * user wrote ({@code [NonPositiveLength] lr.phases[1].steps: steps (0) must be at least 1}).
 *
 * <p>Writing is exact: {@code read(write(plan)).plan()} equals {@code plan} for every shape and
 * composite, every double included (each is written in a form that parses back to the same bits).
 * Instances are stateless and may be shared.
 */
public final class AnnealFormat extends JsonConfigFormat {
  /** A top-level string that says what the file is and where it comes from; it sets nothing. */
  static final String DESCRIPTION_KEY = "description";

  /** The name on the command line: {@code --format anneal}. */
  public static final String NAME = "anneal";

  public AnnealFormat() {
    super(NAME);
  }

  /**
   * Reads a plan, or a single schedule as the plan {@code {"lr": schedule}}.
   *
   * @throws InvalidScheduleException with every error found (and the warnings found beside them),
   *     each at its JSON path
   */
  @Override
  protected Imported read(JsonFields root, Problems problems) {
    // Prose for people (a paper schedule's source): read so that a wrong type is named, and no setting.
    root.optString(DESCRIPTION_KEY, null);
    boolean single = ScheduleReader.isSchedule(root);
    Units units = units(root);
    Map<String, Schedule> channels;
    if (single) {
      Schedule schedule = ScheduleReader.schedule(root, units);
      channels = schedule == null ? Map.of() : Map.of(Plan.LR, schedule);
    } else {
      channels = ScheduleReader.channels(root, units);
    }
    for (Violation violation : RuleSet.plan(channels)) {
      problems.add(atJsonPath(violation, single));
    }
    problems.throwIfErrors();
    Imported imported = new Imported(NAME, new Plan(channels), problems.warnings());
    return units.geometry() == null ? imported : imported.withGeometry(units.geometry());
  }

  /**
   * Reads one schedule: the top-level object must be a schedule, not a plan. No channel bounds
   * apply (a schedule alone has no channel); its rules' warnings are in {@link Schedule#warnings()}.
   *
   * @throws InvalidScheduleException with every error found, each at its JSON path
   */
  public Schedule readSchedule(String text) {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject(text, problems);
    Schedule schedule = ScheduleReader.schedule(root, units(root));
    problems.throwIfErrors();
    return schedule;
  }

  /**
   * Writes {@code plan} as {@code {"<channel>": schedule, …}}, in the plan's channel order.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) only for a plan without channels or a
   *     schedule type unknown to Anneal JSON
   */
  @Override
  public String write(Plan plan) {
    return AnnealJsonWriter.plan(plan);
  }

  /**
   * Writes one schedule as a top-level object, which {@link #readSchedule} reads back equal.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) only for a schedule type unknown to Anneal JSON
   */
  public String writeSchedule(Schedule schedule) {
    return AnnealJsonWriter.schedule(schedule);
  }

  /**
   * The run geometry of {@code text}'s top-level {@code "geometry"}, or empty when it has none; what
   * {@code explain} shows lengths in units with.
   *
   * @throws InvalidScheduleException with every problem of the geometry, each at its JSON path
   */
  public Optional<RunGeometry> readGeometry(String text) {
    Problems problems = new Problems();
    JsonFields root = Json.parseObject(text, problems);
    problems.throwIfErrors();
    RunGeometry geometry = units(root).geometry();
    problems.throwIfErrors();
    return Optional.ofNullable(geometry);
  }

  /** Lengths are read against the top-level {@code "geometry"}, if any. */
  private static Units units(JsonFields root) {
    if (root.peek(GeometryReader.KEY) == null) {
      return Units.UPDATES_ONLY;
    }
    JsonFields object = root.optObject(GeometryReader.KEY);
    root.allow(GeometryReader.KEY);
    return new Units(object == null ? null : GeometryReader.read(object), 1);
  }

  /** The plan rules speak of {@code channels.lr…}; in the file that is the key {@code lr} (or the top, for a single schedule). */
  private static Violation atJsonPath(Violation violation, boolean single) {
    String path = violation.path();
    String prefix = "channels.";
    if (!path.startsWith(prefix)) {
      return violation;
    }
    String rest = path.substring(prefix.length());
    if (single) {
      int end = rest.indexOf('.');
      rest = end < 0 ? "" : rest.substring(end + 1);
    }
    return violation.relocated(rest, null, null);
  }
}
