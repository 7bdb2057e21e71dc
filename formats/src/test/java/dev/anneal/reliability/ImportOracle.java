package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.Map;

/**
 * What must hold for any text handed to a reader, valid or not: either the reader refuses it with
 * an {@link InvalidScheduleException} whose violations are all well-formed errors, or it returns a
 * plan every channel of which is finite and inside its channel's bounds at every probed step, and
 * whose export (where the format can express it) reads back to the same curve. Any other
 * exception, a hang or an {@link Error} escapes to the caller, which is what the fuzz tests and the
 * corpus tests look for.
 */
final class ImportOracle {
  private ImportOracle() {}

  /** Reads {@code text} as {@code format} and checks the outcome; returns the plan, or null if refused. */
  static Plan check(String format, String text) {
    ConfigFormat reader = Formats.byName(format);
    Imported imported;
    try {
      imported = reader.read(text);
    } catch (InvalidScheduleException refused) {
      assertWellFormedRefusal(refused);
      return null;
    }
    Plan plan = imported.plan();
    for (Violation warning : imported.warnings()) {
      assertFalse(warning.isError(), () -> "an error among the warnings: " + warning);
    }
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      PlanProperties.assertInBounds(channel.getKey(), channel.getValue());
    }
    assertExportReadsBack(reader, plan);
    return plan;
  }

  /**
   * A refusal holds at least one error; every violation (warnings may come with the errors, as
   * {@link InvalidScheduleException#violations()} documents) has a non-blank message.
   */
  static void assertWellFormedRefusal(InvalidScheduleException refused) {
    assertTrue(refused.violations().stream().anyMatch(Violation::isError), () -> "a refusal without an error: " + refused.violations());
    for (Violation violation : refused.violations()) {
      assertFalse(violation.message().isBlank(), () -> "a violation without a message: " + violation.code());
    }
  }

  /** A plan the format writes must read back to the same curve, channel by channel. */
  static void assertExportReadsBack(ConfigFormat format, Plan plan) {
    String written;
    try {
      written = format.write(plan);
    } catch (InvalidScheduleException unsupported) {
      assertWellFormedRefusal(unsupported);
      return;
    }
    Plan again;
    try {
      again = format.read(written).plan();
    } catch (InvalidScheduleException e) {
      fail(format.name() + " wrote a config its own reader refuses (" + e.getMessage() + "):\n" + written);
      return;
    }
    assertEquals(plan.channels().keySet(), again.channels().keySet(), () -> "channels of the re-read " + format.name() + " config:\n" + written);
    for (String channel : plan.channels().keySet()) {
      PlanProperties.assertSameCurve(format.name() + " " + channel, plan.channel(channel), again.channel(channel));
    }
  }
}
