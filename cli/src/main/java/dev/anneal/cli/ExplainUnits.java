package dev.anneal.cli;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Stepped;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The line {@code explain} adds under a channel of a config with a run geometry: the step and the
 * phase that holds it in every unit the geometry defines, e.g. {@code in units: step 1000 = 2.2
 * epochs, 1,536,000 samples; phases[1] = updates 120 to 82,772 (82,652 updates = 126,953,472 samples)}.
 * The model counts updates only; the geometry converts them back, exactly.
 */
final class ExplainUnits {
  private ExplainUnits() {}

  /** The line for {@code schedule} at {@code step}, or empty when the geometry defines no unit beyond updates. */
  private static Optional<String> line(RunGeometry geometry, Schedule schedule, long step) {
    List<Unit> units = unitsOf(geometry);
    if (units.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder line = new StringBuilder("    in units: step ").append(grouped(BigDecimal.valueOf(step))).append(" = ").append(amounts(geometry, units, step));
    phaseSpan(schedule, step).ifPresent(span -> {
      long length = span[2] - span[1];
      line.append("; phases[").append(span[0]).append("] = updates ").append(grouped(BigDecimal.valueOf(span[1])));
      if (span[2] == Phase.OPEN) {
        line.append(" on (open-ended)");
      } else {
        line.append(" to ").append(grouped(BigDecimal.valueOf(span[2]))).append(" (").append(grouped(BigDecimal.valueOf(length)))
            .append(" updates = ").append(spanAmounts(geometry, units, span[1], span[2])).append(")");
      }
    });
    return Optional.of(line.toString());
  }

  /** The units beyond updates that {@code geometry} can convert to. */
  static List<Unit> unitsOf(RunGeometry geometry) {
    List<Unit> units = new ArrayList<>();
    if (geometry.updatesPerEpoch().isPresent()) {
      units.add(Unit.EPOCHS);
    }
    if (geometry.batchSchedule().isPresent()) {
      units.add(Unit.SAMPLES);
      if (geometry.sequenceLength().isPresent()) {
        units.add(Unit.TOKENS);
      }
    }
    return units;
  }

  private static String amounts(RunGeometry geometry, List<Unit> units, long step) {
    List<String> parts = new ArrayList<>();
    for (Unit unit : units) {
      parts.add(grouped(geometry.amountIn(unit, step)) + " " + unit.jsonName());
    }
    return String.join(", ", parts);
  }

  private static String spanAmounts(RunGeometry geometry, List<Unit> units, long from, long to) {
    List<String> parts = new ArrayList<>();
    for (Unit unit : units) {
      parts.add(grouped(geometry.amountIn(unit, to).subtract(geometry.amountIn(unit, from))) + " " + unit.jsonName());
    }
    return String.join(", ", parts);
  }

  /**
   * {index, first update, end update} of the phase holding {@code step}, through a scaling and a
   * cadence (whose phases count its own steps); empty for a product or past the declared end.
   */
  private static Optional<long[]> phaseSpan(Schedule schedule, long step) {
    for (PhaseRange range : phases(schedule)) {
      if (step >= range.from() && step < range.to()) {
        return Optional.of(new long[] {range.index(), range.from(), range.to()});
      }
    }
    return Optional.empty();
  }

  /**
   * Where each phase of {@code schedule} lies in updates, through a scaling and a cadence (whose
   * phases count its own steps); none for a product.
   */
  static List<PhaseRange> phases(Schedule schedule) {
    long every = 1;
    Schedule inner = schedule;
    while (true) {
      if (inner instanceof Scaled scaled) {
        inner = scaled.schedule();
      } else if (inner instanceof Stepped stepped) {
        every *= stepped.cadence().updates();
        inner = stepped.schedule();
      } else if (inner instanceof Clocked clocked && every == 1) {
        return clockedPhases(clocked);
      } else {
        break;
      }
    }
    List<PhaseRange> ranges = new ArrayList<>();
    if (!(inner instanceof Sequence sequence)) {
      return ranges;
    }
    for (int i = 0; i < sequence.phases().size(); i++) {
      long start = sequence.startOf(i);
      long end = sequence.startOf(i + 1);
      boolean open = end == Phase.OPEN || end > Phase.OPEN / every;
      ranges.add(new PhaseRange(i, start * every, open ? Phase.OPEN : end * every, every));
    }
    return ranges;
  }

  /**
   * Where each phase of a schedule clocked in samples or tokens lies in updates: from the first
   * update whose consumed samples (tokens) reach its start to the first that reaches its end.
   */
  private static List<PhaseRange> clockedPhases(Clocked clocked) {
    List<PhaseRange> ranges = new ArrayList<>();
    Schedule inner = clocked.schedule();
    while (inner instanceof Scaled scaled) {
      inner = scaled.schedule();
    }
    if (!(inner instanceof Sequence sequence)) {
      return ranges;
    }
    for (int i = 0; i < sequence.phases().size(); i++) {
      long start = sequence.startOf(i);
      long end = sequence.startOf(i + 1);
      long first = clocked.consumption().updatesToReach(clocked.clock(), start);
      long last = end == Phase.OPEN ? Phase.OPEN : clocked.consumption().updatesToReach(clocked.clock(), end);
      ranges.add(new PhaseRange(i, first, last, 1));
    }
    return ranges;
  }

  /**
   * One phase in updates.
   *
   * @param index its index, {@code phases[index]}
   * @param from its first update
   * @param to the update after its last, or {@link Phase#OPEN} when it never ends
   * @param updatesPerStep updates in one of the schedule's own steps (1 unless it has a cadence)
   */
  record PhaseRange(int index, long from, long to, long updatesPerStep) {}

  private static String grouped(BigDecimal amount) {
    DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(amount);
  }

  /** {@link #line}, or nothing where the geometry cannot convert the step (past the 64-bit range). */
  static Optional<String> safeLine(RunGeometry geometry, Schedule schedule, long step) {
    try {
      return line(geometry, schedule, step);
    } catch (InvalidScheduleException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
