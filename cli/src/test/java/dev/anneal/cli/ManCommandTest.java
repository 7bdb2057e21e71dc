package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code anneal man}: a troff page with a subsection for every subcommand and an entry for every option. */
class ManCommandTest {
  @Test
  void thePageListsEverySubcommandAndOption() throws Exception {
    Anneal.Result man = Anneal.run("man");

    assertEquals(0, man.exitCode());
    assertEquals(List.of(), man.err());
    assertEquals(".TH ANNEAL 1 \"\" \"" + new Version().getVersion()[0].replace("-", "\\-") + "\" \"User Commands\"", man.out().get(0));
    assertEquals(List.of(".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS", ".SH \"EXIT STATUS\""),
        man.out().stream().filter(line -> line.startsWith(".SH")).toList());
    for (CommandLine sub : AnnealCommand.commandLine().getSubcommands().values()) {
      String name = sub.getCommandName();
      assertTrue(man.out().contains(".SS \"anneal " + name.replace("-", "\\-") + "\""), name);
      for (OptionSpec option : sub.getCommandSpec().options()) {
        assertTrue(man.outText().contains("\\fB" + option.longestName().replace("-", "\\-") + "\\fR"), name + " " + option.longestName());
      }
    }
  }

  /** Text that starts with a dot would be a troff request: the page escapes it, and every hyphen prints as typed. */
  @Test
  void textIsEscapedForTroff() {
    Anneal.Result man = Anneal.run("man");

    assertTrue(man.out().contains("anneal \\- Learning\\-rate, momentum and weight\\-decay schedules, exact to PyTorch, transformers,"
        + " DeepSpeed and Megatron\\-LM."), man.outText());
    assertTrue(man.out().stream().allMatch(line -> !line.startsWith(".") || line.matches("\\.(TH|nh|ad|SH|SS|TP|PP|nf|fi)( .*)?")),
        "only the page's own requests start with a dot");
  }
}
