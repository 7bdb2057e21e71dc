package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal completion} loaded into an interactive zsh, as a user's {@code ~/.zshrc} loads it,
 * and a real tab pressed: zsh runs the script through its bash compatibility ({@code bashcompinit})
 * and filters the candidates itself, so only a terminal shows what the user gets. The shell runs in
 * a pseudo-terminal ({@code zsh/zpty}); the line is read back after the tab. {@code .ci/run}
 * installs zsh where it can; without zsh the test is skipped, saying so.
 */
class ZshCompletionTest {
  @TempDir Path dir;

  @BeforeEach
  void zshIsInstalled() {
    assumeTrue(onPath("zsh"), "zsh is not installed: the zsh completion is not exercised (apt-get install zsh)");
  }

  @Test
  void aTabCompletesAUniqueSubcommand() throws IOException, InterruptedException {
    assertEquals("anneal curve", afterTab("anneal cu"));
    assertEquals("anneal find-lr", afterTab("anneal fi"));
  }

  @Test
  void aTabCompletesAnOptionOfTheSubcommand() throws IOException, InterruptedException {
    assertEquals("anneal plot --format", afterTab("anneal plot --for"));
    assertEquals("anneal train --checkpoint-dir", afterTab("anneal train --checkpoint-"));
  }

  @Test
  void aTabCompletesAFormatName() throws IOException, InterruptedException {
    assertEquals("anneal explain --format pytorch", afterTab("anneal explain --format pyt"));
    assertEquals("anneal curve --format transformers", afterTab("anneal curve --format tra"));
  }

  /**
   * The command line after typing {@code typed} and a tab in a zsh that sourced the script: the
   * line is echoed between markers by moving to its start (ctrl-A) and wrapping it in an echo.
   */
  private String afterTab(String typed) throws IOException, InterruptedException {
    Path script = dir.resolve("anneal.bash");
    if (!Files.exists(script)) {
      Files.writeString(script, Anneal.run("completion").outText());
      // A stand-in anneal on the PATH: zsh completes the arguments of a command it can find.
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path anneal = Files.writeString(bin.resolve("anneal"), "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(anneal, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    String driver = """
        zmodload zsh/zpty
        zpty -b shell 'PATH=%s:$PATH zsh -f -i'
        zpty -w shell 'PS1="> "; autoload -U compinit; compinit -u -D; source %s; setopt nolistbeep'
        zpty -w shell 'echo READY'
        zpty -r shell line '*READY*'; zpty -r shell line '*READY*'
        zpty -w -n shell $'%s\\t'
        sleep 1
        zpty -w -n shell $'\\x01echo "<<"\\x05">>"\\n'
        out=""
        for i in {1..50}; do
          zpty -r -t shell chunk && out+=$chunk
          [[ $out == *'<<'*'>>'* ]] && break
          sleep 0.1
        done
        print -r -- ${${out##*<<}%%>>*}
        zpty -d shell
        """.formatted(dir.resolve("bin"), script, typed);
    Path run = Files.writeString(dir.resolve("complete.zsh"), driver);
    Process zsh = new ProcessBuilder("zsh", "-f", run.toString()).redirectError(dir.resolve("zsh-err.txt").toFile()).start();
    String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(zsh.waitFor(1, TimeUnit.MINUTES), "zsh did not finish");
    assertEquals("", Files.readString(dir.resolve("zsh-err.txt")));
    assertEquals(0, zsh.exitValue(), out);
    return out.replace("\r", "").strip();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }
}
