package dev.anneal.cli.audit;

/**
 * A point where the log's lag behind the curve changes: from there on the log's step {@code s}
 * holds the curve's value at {@code s - lagAfter} instead of {@code s - lagBefore}.
 *
 * @param fault what the change means: {@link Fault#SKIPPED_UPDATES}, {@link Fault#RESUME_RESTART},
 *     {@link Fault#RESUME_REPLAY} or {@link Fault#RESUME_JUMP_AHEAD}
 * @param step the first logged step that shows it
 * @param lagBefore the lag before, in updates
 * @param lagAfter the lag from {@code step} on
 */
public record Break(Fault fault, long step, long lagBefore, long lagAfter) {
  /** The curve's step whose value the log holds at {@link #step}. */
  public long curveStep() {
    return step - lagAfter;
  }

  /** How many updates the change is: skipped, replayed, jumped ahead, or the step where the schedule restarted. */
  public long updates() {
    return fault == Fault.RESUME_RESTART ? lagAfter : Math.abs(lagAfter - lagBefore);
  }
}
