package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnealCommandTest {
  @TempDir Path dir;

  /** A format with a bug: reading fails in a way no input should make it fail. */
  private static ConfigFormat buggy(Runnable failing) {
    return new ConfigFormat() {
      @Override
      public String name() {
        return "buggy";
      }

      @Override
      public Imported read(String text) {
        failing.run();
        throw new AssertionError("the failure above did not happen");
      }

      @Override
      public String write(Plan plan) {
        throw new AssertionError("not called");
      }
    };
  }

  @Test
  void versionNamesTheBuild() {
    Anneal.Result result = Anneal.run("--version");

    assertEquals(1, result.out().size());
    assertTrue(result.out().get(0).matches("anneal \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), result.out().get(0));
    assertEquals(0, result.exitCode());
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("train", "find-lr", "plot", "explain", "diff", "curve", "validate", "convert")) {
      Anneal.Result result = Anneal.run(command, "--help");

      assertTrue(result.out().get(0).startsWith("Usage: anneal " + command + " "), result.out().get(0));
      assertEquals(List.of(), result.err());
      assertEquals(0, result.exitCode());
    }
    assertTrue(Anneal.run("--help").out().contains("Commands:"));
  }

  @Test
  void helpListsTheRegisteredFormats() {
    String help = String.join(" ", Anneal.run("curve", "--help").out()).replaceAll("\\s+", " ");

    assertTrue(help.contains("The config's format: " + String.join(", ", Formats.names()) + "."), help);
  }

  @Test
  void withoutACommandItShowsWhatThereIs() {
    Anneal.Result result = Anneal.run();

    assertEquals("Usage: anneal [-hV] [COMMAND]", result.err().get(0));
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void anUnknownCommandGetsADidYouMean() {
    Anneal.Result result = Anneal.run("crve");

    assertEquals(List.of("anneal: Unmatched argument at index 0: 'crve'; did you mean `curve`? See 'anneal --help'."), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aBugPrintsOneLineAskingForAReportNeverAStackTrace() throws IOException {
    Path config = Files.writeString(dir.resolve("any.json"), "{}");

    Anneal.Result result = Anneal.run(TestFormats.with(buggy(() -> {
      throw new IllegalStateException("boom");
    })), "curve", config.toString(), "--format", "buggy");

    assertEquals(1, result.err().size(), String.join("\n", result.err()));
    assertTrue(result.err().get(0).startsWith("anneal: internal error: java.lang.IllegalStateException: boom at dev.anneal.cli.AnnealCommandTest"),
        result.err().get(0));
    assertTrue(result.err().get(0).endsWith("; please report this, with the command line and its input files"), result.err().get(0));
    assertEquals(List.of(), result.out());
    assertEquals(70, result.exitCode());
  }

  @Test
  void anErrorIsCaughtToo() throws IOException {
    Path config = Files.writeString(dir.resolve("any.json"), "{}");

    Anneal.Result result = Anneal.run(TestFormats.with(buggy(() -> {
      throw new StackOverflowError();
    })), "validate", config.toString(), "--format", "buggy");

    assertEquals(1, result.err().size(), String.join("\n", result.err()));
    assertTrue(result.err().get(0).startsWith("anneal: internal error: java.lang.StackOverflowError at dev.anneal.cli.AnnealCommandTest"),
        result.err().get(0));
    assertEquals(70, result.exitCode());
  }

  @Test
  void toolsAreOfflineUnlessToldOtherwise() {
    String before = System.getProperty("ai.djl.offline");
    try {
      System.clearProperty("ai.djl.offline");
      Anneal.run("--version");
      assertEquals("true", System.getProperty("ai.djl.offline"));

      System.setProperty("ai.djl.offline", "false");
      Anneal.run("--version");
      assertEquals("false", System.getProperty("ai.djl.offline"), "an explicit choice is kept");
    } finally {
      if (before == null) {
        System.clearProperty("ai.djl.offline");
      } else {
        System.setProperty("ai.djl.offline", before);
      }
    }
  }
}
