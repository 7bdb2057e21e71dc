package dev.anneal.cli;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.pytorch.PyTorchCode;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.Violation;
import java.util.Set;

/**
 * The notes that name a setting Anneal reads and does not apply ({@code [IgnoredSetting]}, and
 * PyTorch's {@code [NoEffect]} for {@code verbose}). They are notes, not warnings: nothing is wrong
 * with such a config, and {@code validate --strict} must pass a faithful one. But they are how
 * Anneal keeps its promise that nothing is silently different from the input, so {@code --quiet}
 * still prints them; only naming them with {@code --suppress} leaves them out. {@code explain}
 * lists them apart from the upstream quirks.
 */
final class IgnoredSettings {
  private static final Set<DiagnosticCode> CODES = Set.of(ConfigCode.IGNORED_SETTING, PyTorchCode.NO_EFFECT);

  private IgnoredSettings() {}

  /** Whether {@code violation} names a setting that is read and not applied. */
  static boolean names(Violation violation) {
    return CODES.contains(violation.code());
  }
}
