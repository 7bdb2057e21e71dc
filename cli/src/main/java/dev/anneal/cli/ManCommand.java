package dev.anneal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code anneal man}: prints the manual page of the whole command line in troff, written by
 * {@link ManPage} from the same model as the help, so the two never disagree.
 */
@Command(
    name = "man",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Prints the manual page of anneal and every subcommand (troff, section 1). Read it with: "
          + "anneal man > anneal.1 && man ./anneal.1; install it with: "
          + "mkdir -p ~/.local/share/man/man1 && anneal man > ~/.local/share/man/man1/anneal.1, then: man anneal"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the page was printed", "70:a bug in Anneal"})
final class ManCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ManPage.of(spec.root()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
