package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;

/**
 * The last check on every value that leaves the model. The rules prove each shape's values
 * finite; this check makes it true by construction, whatever a rule missed: every schedule's
 * {@code valueAt} returns through here, so a non-finite value becomes a {@code NonFiniteAtStep}
 * error instead of a learning rate of NaN that a command prints or an optimizer applies.
 */
final class FiniteValues {
  private FiniteValues() {}

  /**
   * {@code value}, the value at {@code step}, if it is finite.
   *
   * @throws InvalidScheduleException ({@code NonFiniteAtStep}) if it is infinite or NaN
   */
  static double at(long step, double value) {
    if (Double.isFinite(value)) {
      return value;
    }
    throw new InvalidScheduleException(RuleCode.nonFiniteAtStep("", value, String.valueOf(step), Values.show(value)));
  }
}
