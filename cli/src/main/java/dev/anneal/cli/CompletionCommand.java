package dev.anneal.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code anneal completion}: prints the shell completion script of the whole command line, which
 * picocli generates from the same model as the help, so it offers every subcommand, every option
 * and the values an option lists (the formats of {@code --format}). One script serves bash and zsh
 * (it loads zsh's bash compatibility itself); {@code source <(anneal completion)} loads it.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Prints the completion script of anneal for bash and zsh: subcommands, options and the values an option takes "
          + "(such as the formats of --format). Load it in the current shell with: source <(anneal completion); "
          + "add that line to ~/.bashrc or ~/.zshrc to keep it, or save the script where bash-completion finds it: "
          + "anneal completion > ~/.local/share/bash-completion/completions/anneal"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the script was printed", "70:a bug in Anneal"})
final class CompletionCommand implements Callable<Integer> {
  /** The name the script completes: the command users type, whatever script or jar runs it. */
  static final String COMMAND = "anneal";

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash(COMMAND, spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
