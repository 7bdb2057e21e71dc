package dev.anneal.cli.chart;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a plot's x axis counts: updates (the model's steps), or the epochs, samples or tokens a
 * run geometry turns them into. The value at step {@code s} is the one update {@code s + 1} uses,
 * so it is drawn at what the first {@code s} updates consumed: with a growing batch, tokens are not
 * proportional to updates, and the curve is drawn where each value really applies.
 */
public final class StepAxis {
  private static final String[] SUFFIXES = {"", "K", "M", "B", "T"};

  private final Unit unit;
  private final RunGeometry geometry;

  private StepAxis(Unit unit, RunGeometry geometry) {
    this.unit = unit;
    this.geometry = geometry;
  }

  /** The x axis in updates applied: the plot's default. */
  public static StepAxis updates() {
    return new StepAxis(Unit.UPDATES, null);
  }

  /**
   * The x axis in {@code unit}, converted by {@code geometry}; the caller has checked that the
   * geometry has what the unit needs ({@link dev.anneal.cli.PlotCommand} names what is missing).
   */
  public static StepAxis in(Unit unit, RunGeometry geometry) {
    Objects.requireNonNull(unit, "unit");
    return unit == Unit.UPDATES ? updates() : new StepAxis(unit, Objects.requireNonNull(geometry, "geometry"));
  }

  /** The unit the axis counts. */
  public Unit unit() {
    return unit;
  }

  /** Where step {@code step} lies on the axis: the epochs, samples or tokens of the first {@code step} updates. */
  double at(long step) {
    return unit == Unit.UPDATES ? step : geometry.amountIn(unit, step).doubleValue();
  }

  /** The axis title. */
  String title() {
    return switch (unit) {
      case UPDATES -> "step (updates applied)";
      case EPOCHS -> "epochs completed";
      case SAMPLES -> "samples consumed";
      case TOKENS -> "tokens consumed";
    };
  }

  /** The least tick spacing: whole numbers but for epochs, which may be fractional. */
  double smallestSpacing() {
    return unit == Unit.EPOCHS ? 0 : 1;
  }

  /** Tick labels: updates and epochs as they are, samples and tokens in thousands (K) to trillions (T). */
  Function<Double, String> tickLabels() {
    return switch (unit) {
      case UPDATES -> Ticks::step;
      case EPOCHS -> Ticks::label;
      case SAMPLES, TOKENS -> StepAxis::abbreviated;
    };
  }

  /** {@code 375000000} as {@code 375M}, {@code 2.5e12} as {@code 2.5T}; below a thousand as it is. */
  static String abbreviated(double value) {
    double magnitude = Math.abs(value);
    int power = 0;
    while (power < SUFFIXES.length - 1 && magnitude >= Math.pow(1000, power + 1)) {
      power++;
    }
    return power == 0 ? Ticks.step(value) : Ticks.label(value / Math.pow(1000, power)) + SUFFIXES[power];
  }
}
