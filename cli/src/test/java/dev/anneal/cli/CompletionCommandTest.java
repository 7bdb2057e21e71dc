package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code anneal completion}: the script, loaded into bash, offers every subcommand, every option of
 * each, and the formats after {@code --format}, as a user's tab would.
 */
class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void printsTheScriptAndNothingElse() {
    Anneal.Result completion = Anneal.run("completion");

    assertEquals(0, completion.exitCode());
    assertEquals(List.of(), completion.err());
    assertEquals("#!/usr/bin/env bash", completion.out().get(0));
    assertTrue(completion.out().contains("complete -F _complete_anneal -o default anneal anneal.sh anneal.bash"), completion.outText());
  }

  @Test
  void bashOffersEverySubcommand() throws IOException, InterruptedException {
    assertEquals(String.join(" ", root().getSubcommands().keySet()), complete("anneal", ""));
  }

  @Test
  void bashOffersEveryOptionOfEverySubcommand() throws IOException, InterruptedException {
    for (CommandLine sub : root().getSubcommands().values()) {
      Set<String> flags = new TreeSet<>();
      for (OptionSpec option : sub.getCommandSpec().options()) {
        flags.addAll(List.of(option.names()));
      }

      assertEquals(flags, new TreeSet<>(List.of(complete("anneal", sub.getCommandName(), "-").split(" "))), sub.getCommandName());
    }
  }

  @Test
  void bashOffersTheFormatsAfterFormat() throws IOException, InterruptedException {
    assertEquals(String.join(" ", Formats.names()), complete("anneal", "curve", "--format", ""));
    assertEquals("deepspeed deepspeed-args", complete("anneal", "explain", "--format", "de"));
    assertEquals("--format", complete("anneal", "plot", "--for"));
  }

  private static CommandLine root() {
    return AnnealCommand.commandLine();
  }

  /**
   * What bash offers for the last of {@code words}, once the script is loaded: its completion
   * function called as the shell calls it on a tab, the candidates joined by spaces. {@code
   * compopt} works only inside a completion that readline started, so it does nothing here.
   */
  private String complete(String... words) throws IOException, InterruptedException {
    Path script = dir.resolve("anneal.bash");
    if (!Files.exists(script)) {
      Files.writeString(script, Anneal.run("completion").outText());
    }
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append('\'').append(word).append("' ");
    }
    String line = String.join(" ", words);
    String program = "source '" + script + "'\n"
        + "compopt() { :; }\n"
        + "COMP_WORDS=(" + array + ")\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE='" + line + "'\n"
        + "COMP_POINT=" + line.length() + "\n"
        + "_complete_anneal anneal '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
        + "echo \"${COMPREPLY[*]}\"\n";
    Path run = Files.writeString(dir.resolve("complete.bash"), program);
    Process bash = new ProcessBuilder("bash", run.toString()).redirectError(dir.resolve("bash-err.txt").toFile()).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(1, TimeUnit.MINUTES), "bash did not finish");
    assertEquals("", Files.readString(dir.resolve("bash-err.txt")));
    assertEquals(0, bash.exitValue(), out);
    return out.strip();
  }
}
