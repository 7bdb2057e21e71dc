package dev.anneal.config.takeover;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the lrs the transformers Trainer logged against a config. Which update a logged lr belongs
 * to changed in transformers 4.51 (pull request 36973): before, the Trainer logged {@code
 * get_last_lr()} after {@code lr_scheduler.step()}, so the lr at {@code step} s was the NEXT update's
 * (index s, counting from 0); since, it takes the lr before stepping the scheduler, the one update s −
 * 1 just used. A {@code trainer_state.json} does not say which version wrote it, so the convention is
 * the one under which the config reproduces the logged lrs longest (named in a note; the newer one
 * when they tie), and the first lr that differs under it is reported.
 */
final class TransformersLogs {
  /** The two conventions: how far a logged step lies after the update whose lr it shows. */
  enum Convention {
    AFTER_STEP(0, "transformers before 4.51", "the lr logged at step s is the one update s (counting from 0) uses next"),
    BEFORE_STEP(1, "transformers 4.51 and later", "the lr logged at step s is the one update s - 1 (counting from 0) just used");

    final long offset;
    final String version;
    final String meaning;

    Convention(long offset, String version, String meaning) {
      this.offset = offset;
      this.version = version;
      this.meaning = meaning;
    }
  }

  private TransformersLogs() {}

  /** The upstream next lr (the lr logged at {@code global_step} under the older convention), or empty. */
  static OptionalDouble compare(ForeignState state, Schedule lr, List<TakeOverDifference> differences, List<Violation> diagnostics) {
    Optional<Mismatch> older = firstMismatch(state, lr, Convention.AFTER_STEP);
    Optional<Mismatch> newer = firstMismatch(state, lr, Convention.BEFORE_STEP);
    long olderUntil = older.map(Mismatch::step).orElse(Long.MAX_VALUE);
    long newerUntil = newer.map(Mismatch::step).orElse(Long.MAX_VALUE);
    Convention convention = olderUntil > newerUntil ? Convention.AFTER_STEP : Convention.BEFORE_STEP;
    if (!state.logged().isEmpty()) {
      diagnostics.add(TakeOverCode.loggedLrConvention("log_history", convention.version, convention.meaning));
    }
    (convention == Convention.AFTER_STEP ? older : newer).ifPresent(mismatch -> differences.add(mismatch.difference()));
    OptionalLong end = lr.declaredEnd();
    long maxSteps = state.maxSteps().orElseThrow();
    if (end.isPresent() && end.getAsLong() != maxSteps) {
      differences.add(new TakeOverDifference("max_steps", Long.toString(maxSteps), Long.toString(end.getAsLong()),
          "the Trainer restores the scheduler's last_epoch but builds its lr_lambda from the resumed run's arguments, so a resumed "
              + "Trainer also ends at the config's length: the lr jumps at the resume step in both",
          false));
    }
    Double next = convention == Convention.AFTER_STEP ? state.logged().get(state.schedulerSteps()) : null;
    if (next == null) {
      diagnostics.add(TakeOverCode.noNextValue("log_history", state.schedulerSteps(), convention == Convention.AFTER_STEP
          ? "no learning_rate was logged at step " + state.schedulerSteps()
          : "under " + convention.version + " the last lr logged is the one the last update used"));
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(next);
  }

  /** The first logged step whose lr the config does not give, and the difference that says so. */
  private record Mismatch(long step, TakeOverDifference difference) {}

  private static Optional<Mismatch> firstMismatch(ForeignState state, Schedule lr, Convention convention) {
    for (Map.Entry<Long, Double> logged : state.logged().entrySet()) {
      long update = logged.getKey() - convention.offset;
      if (update < 0) {
        continue; // logged before any update (step 0): no update's lr under this convention
      }
      OptionalDouble ours = LrValues.at(lr, update, lr.initialState());
      if (ours.isEmpty() || !LrValues.same(logged.getValue(), ours.getAsDouble())) {
        return Optional.of(new Mismatch(logged.getKey(), new TakeOverDifference(
            "log_history learning_rate at step " + logged.getKey() + " (update " + update + ")", Double.toString(logged.getValue()),
            LrValues.show(ours), "the first logged lr the config does not reproduce: the config is not the schedule this run followed", true)));
      }
    }
    return Optional.empty();
  }
}
