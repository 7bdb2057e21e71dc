package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;

/**
 * How often a training loop steps a schedule: after every optimizer update, after every epoch, or
 * after every {@code n} updates (Lightning's {@code interval}/{@code frequency}). A cadence holds
 * the number of updates one of the schedule's own steps spans, already resolved (an epoch's
 * length comes from a {@code dev.anneal.geometry.RunGeometry}), so the model needs no geometry.
 */
public sealed interface Cadence permits Cadence.PerUpdate, Cadence.PerEpoch, Cadence.Every {

  /** The updates one step of the schedule spans: at least 1. */
  long updates();

  /** The name Anneal JSON gives the cadence: {@code update}, {@code epoch} or {@code every}. */
  String kind();

  /** Stepped after every optimizer update: the model's own convention. */
  static Cadence perUpdate() {
    return PerUpdate.INSTANCE;
  }

  /**
   * Stepped once per epoch of {@code updatesPerEpoch} updates, after the epoch's last update.
   *
   * @throws InvalidScheduleException ({@code NonPositiveLength}) if {@code updatesPerEpoch < 1}
   */
  static Cadence perEpoch(long updatesPerEpoch) {
    return new PerEpoch(updatesPerEpoch);
  }

  /**
   * Stepped after every {@code updates} updates.
   *
   * @throws InvalidScheduleException ({@code NonPositiveLength}) if {@code updates < 1}
   */
  static Cadence every(long updates) {
    return new Every(updates);
  }

  /** After every update. */
  record PerUpdate() implements Cadence {
    static final PerUpdate INSTANCE = new PerUpdate();

    @Override
    public long updates() {
      return 1;
    }

    @Override
    public String kind() {
      return "update";
    }
  }

  /** After the last update of every epoch of {@code updates} updates. */
  record PerEpoch(long updates) implements Cadence {
    public PerEpoch {
      requirePositive("updates_per_epoch", updates);
    }

    @Override
    public String kind() {
      return "epoch";
    }
  }

  /** After every {@code updates} updates. */
  record Every(long updates) implements Cadence {
    public Every {
      requirePositive("every", updates);
    }

    @Override
    public String kind() {
      return "every";
    }
  }

  private static void requirePositive(String field, long updates) {
    if (updates < 1) {
      throw new InvalidScheduleException(RuleCode.nonPositiveLength(field, field, updates));
    }
  }
}
