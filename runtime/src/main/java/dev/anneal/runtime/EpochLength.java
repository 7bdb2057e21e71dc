package dev.anneal.runtime;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The updates in one epoch of the run, as the schedule knows them: from the geometry given to
 * {@link ScheduledTraining.Builder#optGeometry}, and from every channel stepped per epoch (a
 * {@link Stepped} schedule holds its epoch's length in its {@link Cadence.PerEpoch}). They must all
 * agree; a plan with neither knows no epoch, and its loop's epochs are not checked.
 *
 * @param updates the updates per epoch, or 0 when unknown
 * @param source where the figure comes from, as messages name it ({@code the cadence of groups.all.lr})
 */
record EpochLength(long updates, String source) {
  static final EpochLength UNKNOWN = new EpochLength(0, "");

  /**
   * @throws InvalidScheduleException ({@code EpochLengthsDisagree}) if two sources give different lengths
   */
  static EpochLength of(List<ParameterGroup> groups, RunGeometry geometry) {
    EpochLength found = UNKNOWN;
    if (geometry != null && geometry.updatesPerEpoch().isPresent()) {
      found = new EpochLength(geometry.updatesPerEpoch().getAsLong(), "the geometry given to optGeometry");
    }
    for (ParameterGroup group : groups) {
      for (Map.Entry<String, Schedule> channel : group.plan().channels().entrySet()) {
        String path = "groups." + group.name() + "." + channel.getKey();
        found = agree(found, channel.getValue(), path);
      }
    }
    return found;
  }

  /** The updates per epoch, or empty when the schedule knows no epoch. */
  OptionalLong known() {
    return updates > 0 ? OptionalLong.of(updates) : OptionalLong.empty();
  }

  /** {@code found}, checked against every per-epoch cadence inside {@code schedule}. */
  private static EpochLength agree(EpochLength found, Schedule schedule, String path) {
    if (schedule instanceof Stepped stepped) {
      if (stepped.cadence() instanceof Cadence.PerEpoch perEpoch) {
        EpochLength here = new EpochLength(perEpoch.updates(), "the cadence of " + path);
        if (found.updates == 0) {
          return here;
        }
        if (found.updates != here.updates) {
          throw new InvalidScheduleException(RuntimeCode.epochLengthsDisagree(path, found.source, found.updates, here.source, here.updates));
        }
        return found;
      }
      return agree(found, stepped.schedule(), path);
    }
    if (schedule instanceof Scaled scaled) {
      return agree(found, scaled.schedule(), path);
    }
    if (schedule instanceof Product product) {
      EpochLength result = found;
      for (int i = 0; i < product.factors().size(); i++) {
        result = agree(result, product.factors().get(i), path + ".factors[" + i + "]");
      }
      return result;
    }
    return found;
  }
}
