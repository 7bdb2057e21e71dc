package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;

/** Reading transformers configs in tests, and asserting the complete list of diagnostics. */
final class Configs {
  private Configs() {}

  /** {@code json} with single quotes for double quotes, so configs read well in Java strings. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static Imported read(String singleQuoted) {
    return new TransformersFormat().read(json(singleQuoted));
  }

  /** Reading fails with exactly these errors, in this order ({@code [Code] path: message}). */
  static void assertErrors(String singleQuoted, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> read(singleQuoted));
    assertEquals(List.of(expected), e.violations().stream().map(Violation::toString).toList());
  }

  /** Reading succeeds with exactly these warnings, in this order. */
  static Imported assertWarnings(String singleQuoted, String... expected) {
    Imported imported = read(singleQuoted);
    assertEquals(List.of(expected), imported.warnings().stream().map(Violation::toString).toList());
    return imported;
  }
}
