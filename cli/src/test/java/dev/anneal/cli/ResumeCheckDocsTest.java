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
 * The examples of docs/resume-check.md are what {@code resume-check} prints: each {@code $ ./anneal …}
 * of a console block is run, and its standard output, then standard error, then {@code (exit status
 * N)} compared with the block as text.
 */
class ResumeCheckDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern CONSOLE = Pattern.compile("```console\n\\$ \\./anneal (.*?)\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyExampleIsWhatTheCommandPrints() throws IOException {
    Matcher example = CONSOLE.matcher(Files.readString(ROOT.resolve("docs/resume-check.md")));
    int run = 0;
    while (example.find()) {
      // Paths on the page are relative to the repository root; the tests run in cli/.
      String[] args = words(example.group(1)).stream()
          .map(arg -> arg.contains("/") && Files.exists(ROOT.resolve(arg)) ? ROOT.resolve(arg).toString() : arg)
          .toArray(String[]::new);
      Anneal.Result result = Anneal.run(args);
      List<String> printed = new ArrayList<>(result.out());
      printed.addAll(result.err());
      printed.add("(exit status " + result.exitCode() + ")");
      assertEquals(example.group(2), String.join("\n", printed).replace(ROOT + "/", "") + "\n", example.group(1));
      run++;
    }
    assertEquals(4, run, "the page's examples (PyTorch twice, Megatron-LM, transformers) were not all found");
  }

  /** The words of a command line, as a shell splits them: a single-quoted part is one word, without its quotes. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words;
  }
}
