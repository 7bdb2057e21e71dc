package dev.anneal.cli;

import dev.anneal.cli.chart.StepAxis;
import dev.anneal.config.ConfigCode;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;

/**
 * {@code --x UNIT} of {@code plot} (the x axis drawn) and {@code curve} (a column of positions):
 * the unit, checked against the config's run geometry so that a unit the geometry cannot convert
 * is refused with the figure it lacks.
 */
final class UnitAxis {
  static final String FLAG = "--x";
  static final String UNITS = "updates, epochs, samples or tokens";

  private UnitAxis() {}

  /**
   * The axis {@code name} asks for, or the problems that stop it.
   *
   * @param geometry the config's geometry, empty when it has none
   * @param format the config's format, for the fix when it carries no geometry
   */
  static Result of(String name, Optional<RunGeometry> geometry, String format) {
    Unit unit = Unit.byJsonName(name);
    if (unit == null) {
      return new Result(null, List.of(ConfigCode.unknownType(FLAG, "unit", name, "; " + FLAG + " takes " + UNITS)));
    }
    if (unit == Unit.UPDATES) {
      return new Result(StepAxis.updates(), List.of());
    }
    if (geometry.isEmpty()) {
      return new Result(null, List.of(noGeometry(FLAG, name, name, format, "plot with " + FLAG + " updates")));
    }
    Optional<Violation> missing = missing(FLAG, name, unit, geometry.get(), format);
    return missing.map(violation -> new Result(null, List.of(violation))).orElseGet(() -> new Result(StepAxis.in(unit, geometry.get()), List.of()));
  }

  /**
   * {@code flag} in {@code unit} for a config with no run geometry, the fix in its format's terms.
   *
   * @param value the option's value, as typed
   * @param format the config's format
   * @param instead what to do instead, e.g. {@code plot with --x updates}
   */
  static Violation noGeometry(String flag, Object value, String unit, String format, String instead) {
    String fix = switch (format) {
      case "anneal" -> "add \"geometry\": {…} at the top of the config (docs/units.md)";
      case "pytorch" -> "give updates_per_epoch, or dataset_size with batch_size, at the top level of the config (docs/pytorch-format.md)";
      case "megatron" -> "give --global-batch-size (and --seq-length for tokens), or --step-batch-size-schedule with the launcher's world size";
      default -> "a " + format + " config carries none: convert it with anneal convert --to anneal and add \"geometry\": {…} (docs/units.md)";
    } + ", or " + instead;
    return RuleCode.unitNeedsGeometry(flag, flag, value, unit, "a run geometry", fix);
  }

  /**
   * The figure {@code geometry} lacks for {@code unit}, as the geometry's own rules name it, the fix
   * in the config's format's terms.
   *
   * @param flag the option that asks for the unit
   * @param value the option's value, as typed
   */
  static Optional<Violation> missing(String flag, Object value, Unit unit, RunGeometry geometry, String format) {
    String name = unit.jsonName();
    boolean megatron = format.equals("megatron");
    boolean pytorch = format.equals("pytorch");
    if (unit == Unit.EPOCHS && geometry.updatesPerEpoch().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(flag, flag, value, name, "the updates per epoch in the run geometry",
          megatron ? "Megatron-LM counts iterations, samples and tokens, not epochs: use samples or tokens"
              : "give updates_per_epoch, or dataset_size with batch_size, in the config's \"geometry\""));
    }
    if ((unit == Unit.SAMPLES || unit == Unit.TOKENS) && geometry.batchSchedule().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(flag, flag, value, name, "a global batch in the run geometry",
          pytorch ? "a pytorch config states epochs, not samples: use epochs, or convert it to Anneal JSON and add a batch"
              : megatron ? "give --global-batch-size, or --step-batch-size-schedule with the launcher's world size"
              : "give batch_size, global_batch, batch_steps or batch_ramp in the config's \"geometry\""));
    }
    if (unit == Unit.TOKENS && geometry.sequenceLength().isEmpty()) {
      return Optional.of(RuleCode.unitNeedsGeometry(flag, flag, value, name, "a sequence length in the run geometry",
          megatron ? "give --seq-length"
              : pytorch ? "a pytorch config states no sequence length: use epochs or samples, or convert it to Anneal JSON (anneal convert --to anneal) and add sequence_length to its \"geometry\""
              : "give sequence_length in the config's \"geometry\""));
    }
    return Optional.empty();
  }

  /** The axis, or {@code null} with the problems that stop it. */
  record Result(StepAxis axis, List<Violation> problems) {}
}
