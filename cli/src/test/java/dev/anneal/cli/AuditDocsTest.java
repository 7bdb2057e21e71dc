package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/audit.md are what {@code anneal audit} prints: each console block holds one
 * {@code $ ./anneal …} command and its output (standard error, then standard output, as a terminal
 * shows them), which is run and compared as text. {@code -Daudit.docs.update=true} writes the
 * output into the page instead.
 */
class AuditDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path PAGE = ROOT.resolve("docs/audit.md");
  private static final Pattern CONSOLE = Pattern.compile("```console\n\\$ \\./anneal (.*?)\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyExampleIsWhatTheCommandPrints() throws IOException {
    String page = Files.readString(PAGE);
    Matcher example = CONSOLE.matcher(page);
    StringBuilder updated = new StringBuilder();
    int run = 0;
    while (example.find()) {
      // Paths on the page are relative to the repository root; the tests run in cli/.
      String[] args = List.of(example.group(1).split(" ")).stream()
          .map(arg -> arg.contains("/") && Files.exists(ROOT.resolve(arg)) ? ROOT.resolve(arg).toString() : arg).toArray(String[]::new);
      Anneal.Result result = Anneal.run(args);
      List<String> lines = new ArrayList<>(result.err());
      lines.addAll(result.out());
      String printed = String.join("\n", lines).replace(ROOT + "/", "") + "\n";
      if (Boolean.getBoolean("audit.docs.update")) {
        example.appendReplacement(updated, Matcher.quoteReplacement("```console\n$ ./anneal " + example.group(1) + "\n" + printed + "```"));
      } else {
        assertEquals(example.group(2), printed, example.group(1));
      }
      run++;
    }
    if (Boolean.getBoolean("audit.docs.update")) {
      example.appendTail(updated);
      Files.writeString(PAGE, updated.toString());
    }
    assertEquals(9, run, "the page's examples were not all found");
  }
}
