package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the README shows is what Anneal does: every {@code $ ./anneal …} command in a console block
 * is run and its output (standard error, then standard output, as a terminal shows them) compared
 * line for line; the Java examples' output is produced again; the examples are valid; and CI runs
 * the README's test command.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern CONSOLE = Pattern.compile("```console\n(.*?)```", Pattern.DOTALL);
  private static final String PROMPT = "$ ./anneal ";

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  /** A command of a console block, with the lines the README shows after it. */
  private record Shown(String command, List<String> output) {}

  private static List<Shown> consoleCommands(String readme) {
    List<Shown> shown = new ArrayList<>();
    Matcher block = CONSOLE.matcher(readme);
    while (block.find()) {
      for (String line : block.group(1).lines().toList()) {
        if (line.startsWith(PROMPT)) {
          shown.add(new Shown(line.substring(PROMPT.length()), new ArrayList<>()));
        } else {
          shown.get(shown.size() - 1).output().add(line);
        }
      }
    }
    return shown;
  }

  @Test
  void everyConsoleExampleIsWhatTheCommandPrints() throws IOException {
    List<Shown> commands = consoleCommands(readme());
    assertTrue(commands.size() >= 7, "the README's console examples were not found");
    for (Shown shown : commands) {
      // Paths in the README are relative to the repository root; the tests run in cli/.
      String[] args = shown.command().split(" ");
      for (int i = 0; i < args.length; i++) {
        if (args[i].contains("/") && Files.exists(ROOT.resolve(args[i]))) {
          args[i] = ROOT.resolve(args[i]).toString();
        }
      }
      Anneal.Result result = Anneal.run(args);
      List<String> printed = new ArrayList<>(result.err());
      printed.addAll(result.out());
      assertEquals(shown.output(), printed.stream().map(line -> line.replace(ROOT + "/", "")).toList(), "$ ./anneal " + shown.command());
    }
  }

  @Test
  void theBuilderExampleIsWhatItPrints() throws IOException {
    Schedule lr = Schedules.linear(0, 3e-4).over(2_000)
        .then().constant().over(10_000)
        .then().cosineTo(3e-5).over(88_000)
        .build();
    StringBuilder printed = new StringBuilder();
    for (long step : new long[] {0, 1, 1_999, 2_000, 11_999, 12_000, 56_000, 99_999, 100_000, 1_000_000}) {
      printed.append(step).append('\t').append(lr.valueAt(step)).append('\n');
    }
    printed.append(lr.explain(56_000)).append('\n');

    assertTrue(readme().contains("prints\n\n```text\n" + printed + "```"), printed.toString());
  }

  @Test
  void theBadScheduleExampleIsTheRealError() throws IOException {
    String message = "";
    try {
      Schedules.linear(0, 3e-4).over(0)
          .then().cosineTo(3e-5).forever()
          .build();
    } catch (InvalidScheduleException e) {
      message = e.getMessage();
    }

    assertFalse(message.isEmpty());
    assertTrue(readme().contains("prints\n\n```text\n" + message + "\n```"), message);
  }

  @Test
  void everyExampleConfigIsValid() throws IOException {
    try (var files = Files.list(ROOT.resolve("examples"))) {
      for (Path example : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        // DeepSpeed configs are named as DeepSpeed users name them; a pytorch-*.json with a "scheduler" is a pytorch config
        // (pytorch-epoch-step-then-plateau.json is Anneal JSON: PyTorch cannot compose it); every other example is Anneal JSON.
        String name = example.getFileName().toString();
        String format = name.startsWith("ds_config") ? "deepspeed"
            : name.startsWith("pytorch-") && Files.readString(example).contains("\"scheduler\"") ? "pytorch" : "anneal";
        Anneal.Result result = Anneal.run("validate", example.toString(), "--format", format);
        assertEquals(0, result.exitCode(), example + ": " + result.out());
      }
    }
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = readme();
    assertTrue(readme.contains("\nmvn -B verify "), "the README gives `mvn -B verify` as the test command");
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));

    assertEquals("mvn -B verify", ci.get(ci.size() - 1));
    assertTrue(ci.contains("set -euo pipefail"));
    assertTrue(Files.isExecutable(ROOT.resolve(".ci/run")) && Files.isExecutable(ROOT.resolve("anneal")));
  }
}
