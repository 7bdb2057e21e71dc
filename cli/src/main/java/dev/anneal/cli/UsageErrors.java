package dev.anneal.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (unknown option, missing argument, a value of the wrong type) prints one line, with
 * a "did you mean" where picocli has one and a pointer to {@code --help}, and exits with status 2.
 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    ParameterException problem = ex;
    if (!(ex instanceof UnmatchedArgumentException) && !command.getUnmatchedArguments().isEmpty()) {
      // picocli checks required options before unknown ones, but "--formt" is the mistake to name,
      // not the "--format" it leaves missing.
      problem = new UnmatchedArgumentException(command, command.getUnmatchedArguments());
    }
    String suggestion = "";
    if (problem instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        suggestion = "; did you mean `" + suggestions.get(0) + "`?";
      }
    }
    String message = String.valueOf(problem.getMessage()).replace('\n', ' ').strip() + suggestion;
    String stop = message.endsWith(".") || message.endsWith("?") ? "" : ".";
    command.getErr().println(name + ": " + message + stop + " See '" + name + " --help'.");
    command.getErr().flush();
    return ExitCodes.BAD_INPUT;
  }
}
