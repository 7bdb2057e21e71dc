package dev.anneal.checkpoint;

import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.Objects;

/**
 * One channel as a checkpoint saved it, read back by whoever stores checkpoints: what {@link
 * GroupResume} compares with the current plan and resumes from.
 *
 * @param fingerprint the {@link Fingerprint} of the saved schedule
 * @param definition the saved schedule read back from its definition, or {@code null} when the
 *     checkpoint holds none (its definition could not be written): then only the fingerprint tells
 *     whether it changed
 * @param unwritable why no definition was saved; empty when one was
 * @param nextValue the value the saved run would have applied next ({@code NaN} if its schedule
 *     had ended there)
 * @param state the reactive state the saved run had reached
 */
public record SavedChannel(String fingerprint, Schedule definition, String unwritable, double nextValue, ScheduleState state) {
  public SavedChannel {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(unwritable, "unwritable");
    Objects.requireNonNull(state, "state");
  }
}
