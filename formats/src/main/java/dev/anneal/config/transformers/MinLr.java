package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import java.util.OptionalDouble;

/**
 * The floor of transformers' cosine-with-minimum schedules, given the one way or the other: as
 * {@code min_lr} (absolute; transformers divides it by the optimizer's learning rate) or as {@code
 * min_lr_rate} (relative to the learning rate). Upstream accepts exactly one of the two.
 *
 * @param value the value given
 * @param relative whether it is {@code min_lr_rate} (true) or {@code min_lr} (false)
 */
public record MinLr(double value, boolean relative) {
  /** {@code min_lr}: the learning rate the cosine decays to. */
  public static MinLr absolute(double minLr) {
    return new MinLr(minLr, false);
  }

  /** {@code min_lr_rate}: the floor as a fraction of the optimizer's learning rate. */
  public static MinLr rate(double minLrRate) {
    return new MinLr(minLrRate, true);
  }

  /**
   * The one of {@code min_lr} and {@code min_lr_rate} that is given.
   *
   * @throws InvalidScheduleException ({@code OnlyOneOf}) if both are given, ({@code MissingKey}) if
   *     neither is, as upstream raises {@code ValueError}
   */
  public static MinLr of(OptionalDouble minLr, OptionalDouble minLrRate) {
    if (minLr.isPresent() && minLrRate.isPresent()) {
      throw new InvalidScheduleException(
          TransformersCode.onlyOneOf("min_lr_rate", "min_lr", minLr.getAsDouble(), "min_lr_rate", minLrRate.getAsDouble()));
    }
    if (minLr.isPresent()) {
      return absolute(minLr.getAsDouble());
    }
    if (minLrRate.isPresent()) {
      return rate(minLrRate.getAsDouble());
    }
    throw new InvalidScheduleException(
        ConfigCode.missingKey("", "'min_lr' or 'min_lr_rate' (the cosine's floor; upstream raises ValueError without one)"));
  }

  /** The argument's name in transformers. */
  public String argument() {
    return relative ? "min_lr_rate" : "min_lr";
  }

  /** The floor relative to {@code learningRate}, computed as upstream does ({@code min_lr / lr}). */
  double rateFor(double learningRate) {
    return relative ? value : value / learningRate;
  }
}
