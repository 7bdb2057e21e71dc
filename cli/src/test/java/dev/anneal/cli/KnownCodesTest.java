package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.DiagnosticCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --suppress} knows every code the command can print: each id docs/diagnostics.md lists,
 * except the annotation processor's (a compiler prints those). A code enum added to a module the
 * command runs fails here until {@link KnownCodes#OWNERS} names it.
 */
class KnownCodesTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| `([\\w.]+)` \\| (\\w+) \\| .* \\|$");

  @Test
  void everyCodeTheCommandCanPrintIsKnown() throws IOException {
    Path document = Path.of("..", "docs", "diagnostics.md");
    List<String> listed = new ArrayList<>();
    for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.matches() && !row.group(2).startsWith("dev.anneal.processor.")) {
        listed.add(row.group(1));
        DiagnosticCode code = KnownCodes.byId(row.group(1)).orElse(null);
        assertTrue(code != null, row.group(1) + " (" + row.group(2) + ") is not among KnownCodes.OWNERS");
        assertEquals(row.group(3), code.severity().name().toLowerCase(java.util.Locale.ROOT), row.group(1));
      }
    }
    assertTrue(listed.size() > 100, "rows read from " + document + ": " + listed.size());
  }

  @Test
  void onlyWarningsAndNotesCanBeSuppressed() {
    assertTrue(KnownCodes.suppressible().contains("IgnoredSetting"));
    assertTrue(KnownCodes.suppressible().contains("WarmupRaisedToTwo"));
    assertTrue(!KnownCodes.suppressible().contains("UnknownKey"));
  }
}
