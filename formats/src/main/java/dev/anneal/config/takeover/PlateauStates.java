package dev.anneal.config.takeover;

import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.PlateauState;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Stepped;
import java.util.Optional;

/** Puts a saved {@code ReduceLROnPlateau}'s standing into an Anneal schedule's state, so it continues from there. */
final class PlateauStates {
  private PlateauStates() {}

  /**
   * {@code schedule}'s initial state with every plateau phase at {@code saved}: a plateau config
   * continues from the lr, best metric, bad epochs and cooldown upstream had reached. The schedule's
   * own initial state when nothing was saved or it has no plateau phase.
   */
  static ScheduleState continuing(Schedule schedule, Optional<PlateauState> saved) {
    ScheduleState state = schedule.initialState();
    if (saved.isEmpty()) {
      return state;
    }
    Schedule inner = schedule instanceof Stepped stepped ? stepped.schedule() : schedule;
    if (inner instanceof Sequence sequence) {
      for (int i = 0; i < sequence.phases().size(); i++) {
        if (sequence.phases().get(i).shape() instanceof Plateau) {
          state = state.with("phases[" + i + "]", saved.get());
        }
      }
    }
    return state;
  }
}
