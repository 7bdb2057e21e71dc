package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.JsonFields;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the training loop calls {@code scheduler.step()}, as the top-level keys of Lightning's
 * {@code lr_scheduler} config say it: {@code "interval"} ({@code "step"}: after every optimizer
 * update; {@code "epoch"}: after the last update of each epoch) and {@code "frequency"} (after every
 * {@code N}-th of them). Unlike Lightning, whose default interval is {@code "epoch"}, a config
 * without {@code "interval"} is stepped after every update: that is what the format has always
 * read, and what a scheduler's counts mean when {@code PyTorchSchedulers} builds it.
 *
 * @param perEpoch whether the interval is {@code "epoch"}
 * @param frequency how many intervals pass between two {@code scheduler.step()} calls, at least 1
 */
record SchedulerCadence(boolean perEpoch, long frequency) {
  static final String INTERVAL = "interval";
  static final String FREQUENCY = "frequency";
  private static final String EPOCH = "epoch";
  private static final String STEP = "step";

  /** After every update: the cadence of a config with neither key. */
  static final SchedulerCadence PER_UPDATE = new SchedulerCadence(false, 1);

  /**
   * The cadence {@code root} asks for; a problem is recorded at its key ({@code interval} not
   * {@code "epoch"}/{@code "step"}, {@code frequency} below 1) and the default taken instead.
   */
  static SchedulerCadence read(JsonFields root) {
    String interval = root.optChoice(INTERVAL, List.of(EPOCH, STEP), STEP);
    long frequency = root.optLong(FREQUENCY, 1);
    if (frequency < 1) {
      root.problems().add(RuleCode.nonPositiveLength(root.path(FREQUENCY), FREQUENCY, frequency));
      frequency = 1;
    }
    return new SchedulerCadence(EPOCH.equals(interval), frequency);
  }

  /**
   * The cadence in updates: after every {@code frequency} updates, or after every {@code
   * frequency} epochs of the geometry's updates (Lightning steps after epoch {@code e} when {@code
   * e % frequency == 0}, counting from 1). Returns {@code null} after recording why it cannot be
   * resolved: an epoch interval without updates per epoch, or a span past the 64-bit step range.
   */
  Cadence resolve(EpochGeometry figures, JsonFields root) {
    if (!perEpoch) {
      if (frequency == 1) {
        return Cadence.perUpdate();
      }
      lightningDifference(figures).ifPresent(difference -> root.problems().add(
          PyTorchCode.frequencyCountsFromRunStart(root.path(FREQUENCY), frequency, difference)));
      return Cadence.every(frequency);
    }
    if (figures.updatesPerEpoch().isEmpty()) {
      if (root.has(EpochGeometry.UPDATES_PER_EPOCH) || root.has(EpochGeometry.DATASET_SIZE)) {
        // The figures are there but wrong, and their own error says so.
        return null;
      }
      root.problems().add(RuleCode.unitNeedsGeometry(root.path(INTERVAL), INTERVAL, EPOCH, "epochs", "the updates per epoch",
          "add \"" + EpochGeometry.UPDATES_PER_EPOCH + "\": N, or \"" + EpochGeometry.DATASET_SIZE + "\" with \"" + EpochGeometry.BATCH_SIZE
              + "\" (and \"" + EpochGeometry.DROP_LAST + "\", \"" + EpochGeometry.ACCUMULATE + "\" where the loop uses them), at the top level of the config"));
      return null;
    }
    long updatesPerEpoch = figures.updatesPerEpoch().getAsLong();
    if (frequency == 1) {
      return Cadence.perEpoch(updatesPerEpoch);
    }
    if (frequency > Long.MAX_VALUE / updatesPerEpoch) {
      root.problems().add(RuleCode.lengthOverflow(root.path(FREQUENCY), frequency, Long.MAX_VALUE / updatesPerEpoch));
      return null;
    }
    return Cadence.every(frequency * updatesPerEpoch);
  }

  /**
   * Why Lightning's {@code "step"} frequency would step at other updates than every {@code
   * frequency} updates from the start: its count ({@code (batch_idx + 1) % frequency}) restarts at
   * each epoch and counts loader batches. Empty where the geometry is unknown or the two agree.
   */
  private Optional<String> lightningDifference(EpochGeometry figures) {
    long accumulation = figures.geometry().gradientAccumulation();
    if (accumulation > 1 && figures.geometry().datasetSize().isPresent()) {
      return Optional.of("with accumulate_grad_batches " + accumulation + " Lightning counts loader batches, not updates");
    }
    if (figures.updatesPerEpoch().isPresent() && figures.updatesPerEpoch().getAsLong() % frequency != 0) {
      long perEpoch = figures.updatesPerEpoch().getAsLong();
      return Optional.of(perEpoch + " updates per epoch are not a multiple of " + frequency + ", so Lightning's count starts again after the "
          + perEpoch % frequency + " left over at the end of each epoch");
    }
    return Optional.empty();
  }

  /**
   * The cadence every channel of {@code plan} is stepped at, for the writer: per update when no
   * channel is {@link Stepped}.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) when channels are stepped at different
   *     cadences: a PyTorch loop steps its one scheduler, and so every channel, at one cadence
   */
  static Cadence common(Plan plan) {
    Cadence found = null;
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      Cadence cadence = channel.getValue() instanceof Stepped stepped ? stepped.cadence() : Cadence.perUpdate();
      if (found != null && !found.equals(cadence)) {
        throw PyTorchWriter.unsupported("channels." + channel.getKey(), "PyTorch steps one scheduler, so every channel, at one cadence;"
            + " this channel is stepped " + describe(cadence) + " but another " + describe(found));
      }
      found = cadence;
    }
    return found == null ? Cadence.perUpdate() : found;
  }

  /** {@code plan} with each {@link Stepped} channel replaced by the schedule it steps. */
  static Plan unwrapped(Plan plan) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    plan.channels().forEach((name, schedule) -> channels.put(name, schedule instanceof Stepped stepped ? stepped.schedule() : schedule));
    return new Plan(channels);
  }

  /** Adds the keys that read back as {@code cadence}: nothing per update, else the interval and its figures. */
  static void write(ObjectNode root, Cadence cadence) {
    if (cadence instanceof Cadence.PerEpoch) {
      root.put(INTERVAL, EPOCH).put(EpochGeometry.UPDATES_PER_EPOCH, cadence.updates());
    } else if (cadence instanceof Cadence.Every) {
      root.put(INTERVAL, STEP).put(FREQUENCY, cadence.updates());
    }
  }

  private static String describe(Cadence cadence) {
    if (cadence instanceof Cadence.PerUpdate) {
      return "after every update";
    }
    return cadence instanceof Cadence.PerEpoch ? "per epoch of " + cadence.updates() + " updates" : "every " + cadence.updates() + " updates";
  }

  /**
   * {@code plan} with every channel stepped at {@code cadence}: each channel's own steps are the
   * scheduler's {@code step()} calls, held through the updates between them.
   *
   * @throws InvalidScheduleException ({@code LengthOverflow}) if a channel's end in updates would
   *     pass the 64-bit step range
   */
  static Plan stepped(Plan plan, Cadence cadence) {
    if (cadence instanceof Cadence.PerUpdate) {
      return plan;
    }
    Map<String, Schedule> channels = new LinkedHashMap<>();
    plan.channels().forEach((name, schedule) -> channels.put(name, new Stepped(schedule, cadence)));
    return new Plan(channels);
  }
}
