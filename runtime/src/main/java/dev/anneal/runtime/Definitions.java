package dev.anneal.runtime;

import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.nio.file.Path;

/**
 * A channel's schedule as a checkpoint stores it: its definition in Anneal JSON, checked on both
 * sides to read back to the schedule it was written from (same {@link Fingerprint}), so that a
 * resume that takes the checkpoint's schedule takes exactly that schedule.
 */
final class Definitions {
  private static final AnnealFormat ANNEAL_JSON = new AnnealFormat();

  private Definitions() {}

  /**
   * A schedule's definition, or why there is none.
   *
   * @param text the Anneal JSON, or empty
   * @param unwritable when {@code text} is empty, what Anneal JSON has no form for (e.g. {@code a
   *     Halving}, a {@code Schedule} class of the user's); otherwise empty
   */
  record Written(String text, String unwritable) {}

  /** The Anneal JSON of {@code schedule}; empty, with the reason, for a schedule Anneal JSON cannot write exactly. */
  static Written write(Schedule schedule) {
    String text;
    try {
      text = ANNEAL_JSON.writeSchedule(schedule);
    } catch (InvalidScheduleException e) {
      Violation first = e.violations().get(0);
      return new Written("", "a " + first.value() + (first.path().isEmpty() ? "" : " at its " + first.path()));
    }
    // AnnealFormat promises an exact round trip; a checkpoint checks it rather than trusting it.
    String back;
    try {
      back = Fingerprint.of(ANNEAL_JSON.readSchedule(text));
    } catch (InvalidScheduleException e) {
      back = "";
    }
    if (!back.equals(Fingerprint.of(schedule))) {
      return new Written("", "this " + schedule.getClass().getSimpleName() + " exactly (it does not read back equal; please report this)");
    }
    return new Written(text, "");
  }

  /**
   * Reads a definition written by {@link #write} back to its schedule.
   *
   * @param where the channel's path in messages, e.g. {@code groups.all.lr}
   * @throws InvalidScheduleException ({@code CheckpointUnreadable}) if the text does not read, or
   *     reads to a schedule other than the one it was saved from
   */
  static Schedule read(String text, String fingerprint, Path sidecar, String where) {
    Schedule schedule;
    try {
      schedule = ANNEAL_JSON.readSchedule(text);
    } catch (InvalidScheduleException e) {
      throw unreadable(sidecar, "inconsistent: its definition of " + where + " does not read (" + e.violations().get(0) + ")");
    }
    String read = Fingerprint.of(schedule);
    if (!read.equals(fingerprint)) {
      throw unreadable(sidecar, "inconsistent: its definition of " + where + " reads to another schedule than the one it was saved from"
          + " (fingerprint " + read.substring(0, 12) + "…, saved " + fingerprint.substring(0, 12) + "…)");
    }
    return schedule;
  }

  private static InvalidScheduleException unreadable(Path sidecar, String problem) {
    return new InvalidScheduleException(RuntimeCode.checkpointUnreadable("sidecar", sidecar, problem));
  }
}
