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
 * The examples of docs/json-output.md are what the commands print: each {@code $ ./anneal …} of a
 * console block is run and its document compared as text. {@code find-lr} is left out: its losses
 * come from training, which the page shows once as an example, and {@link FindLrJsonTest} checks
 * its fields.
 */
class JsonOutputDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern CONSOLE = Pattern.compile("```console\n\\$ \\./anneal (.*?)\n(.*?)```", Pattern.DOTALL);

  /** The words of a command line, as a shell splits them: a single-quoted part is one word, without its quotes. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words;
  }

  @Test
  void everyExampleIsWhatTheCommandPrints() throws IOException {
    Matcher example = CONSOLE.matcher(Files.readString(ROOT.resolve("docs/json-output.md")));
    int run = 0;
    while (example.find()) {
      List<String> args = words(example.group(1));
      if (args.get(0).equals("find-lr")) {
        continue;
      }
      // Paths on the page are relative to the repository root; the tests run in cli/.
      String[] resolved = args.stream().map(arg -> arg.contains("/") && Files.exists(ROOT.resolve(arg)) ? ROOT.resolve(arg).toString() : arg)
          .toArray(String[]::new);
      Anneal.Result result = Anneal.run(resolved);
      assertEquals(List.of(), result.err(), example.group(1));
      assertEquals(example.group(2), result.outText().replace(ROOT + "/", ""), example.group(1));
      run++;
    }
    assertEquals(5, run, "the page's examples of curve, validate, explain, diff and resume-check were not all found");
  }
}
