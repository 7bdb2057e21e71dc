package dev.anneal.builder;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Stepped;
import java.util.Objects;

/**
 * A finished {@link Draft} to be stepped at a cadence coarser than every update: per epoch
 * ({@link Draft#steppedPerEpoch()}) or every few updates ({@link Draft#steppedEvery(long)}). Its
 * bare lengths count the schedule's own steps (epochs, say), as PyTorch's {@code StepLR(step_size=30)}
 * stepped per epoch counts epochs; lengths in units are resolved to updates and must fill whole
 * steps. Immutable.
 */
public final class SteppedDraft {
  private final Draft draft;
  /** Updates per step; 0 for one epoch, known only from a geometry. */
  private final long every;

  SteppedDraft(Draft draft, long every) {
    this.draft = draft;
    this.every = every;
  }

  /**
   * The schedule stepped every N updates, all lengths bare counts or updates.
   *
   * @throws InvalidScheduleException as {@link Draft#build()}, and ({@code UnitNeedsGeometry}) when
   *     stepped per epoch, which needs {@link #build(RunGeometry)}
   */
  public Stepped build() {
    if (every == 0) {
      throw new InvalidScheduleException(RuleCode.unitNeedsGeometry("cadence", "cadence", "epoch", "epochs",
          "the updates per epoch in the run geometry", "build with build(RunGeometry)"));
    }
    Cadence cadence = Cadence.every(every);
    return new Stepped(draft.build(null, cadence.updates()), cadence);
  }

  /**
   * The schedule, its cadence and lengths resolved against {@code geometry}.
   *
   * @throws InvalidScheduleException as {@link Draft#build(RunGeometry)}, ({@code LengthOffCadence})
   *     for a length that does not fill whole steps
   */
  public Stepped build(RunGeometry geometry) {
    Objects.requireNonNull(geometry, "geometry");
    Cadence cadence = every == 0 ? geometry.perEpoch("cadence") : Cadence.every(every);
    return new Stepped(draft.build(geometry, cadence.updates()), cadence);
  }
}
