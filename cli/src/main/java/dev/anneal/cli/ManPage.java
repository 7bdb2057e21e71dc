package dev.anneal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page of a picocli command line, in troff with the {@code man} macros, written from the
 * same model as {@code --help}: the synopsis, description and options of the root command, then one
 * subsection per subcommand with its own, and the exit statuses. Hand-written rather than picocli's
 * {@code ManPageGenerator}, which writes AsciiDoc and needs Asciidoctor to become a page {@code man}
 * reads. The page has no date, so the same build prints the same page.
 */
final class ManPage {
  private final StringBuilder page = new StringBuilder();

  private ManPage() {}

  /** The page of {@code root} and all its subcommands. */
  static String of(CommandSpec root) {
    ManPage man = new ManPage();
    man.write(root);
    return man.page.toString();
  }

  private void write(CommandSpec root) {
    String name = root.name();
    String[] version = root.version();
    line(".TH " + name.toUpperCase(Locale.ROOT) + " 1 \"\" \"" + escape(version.length > 0 ? version[0] : name) + "\" \"User Commands\"");
    // No hyphenation and a ragged right edge: options, paths and commands then print whole, to be copied as typed.
    line(".nh");
    line(".ad l");
    line(".SH NAME");
    text(name + " - " + firstSentence(description(root)));
    line(".SH SYNOPSIS");
    synopsis(root);
    line(".SH DESCRIPTION");
    paragraphs(description(root));
    line(".SH OPTIONS");
    arguments(root);
    line(".SH COMMANDS");
    for (CommandLine sub : root.subcommands().values()) {
      command(sub.getCommandSpec());
    }
    line(".SH \"EXIT STATUS\"");
    exitCodes(root.usageMessage().exitCodeList());
  }

  private void command(CommandSpec command) {
    if (command.usageMessage().hidden()) {
      return;
    }
    line(".SS \"" + escape(command.qualifiedName()) + "\"");
    synopsis(command);
    line(".PP");
    paragraphs(description(command));
    arguments(command);
    if (!command.usageMessage().exitCodeList().isEmpty()) {
      line(".PP");
      text("Exit status:");
      exitCodes(command.usageMessage().exitCodeList());
    }
    for (CommandLine sub : command.subcommands().values()) {
      command(sub.getCommandSpec());
    }
  }

  /** The synopsis as the help prints it, lines kept (troff would refill it). */
  private void synopsis(CommandSpec command) {
    String synopsis = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0);
    line(".nf");
    for (String row : synopsis.strip().split("\\R")) {
      text(row);
    }
    line(".fi");
  }

  /** Each positional parameter, then each option, in the order the help lists them: name in bold, value in italics. */
  private void arguments(CommandSpec command) {
    for (PositionalParamSpec positional : command.positionalParameters()) {
      if (!positional.hidden()) {
        argument("\\fI" + escape(positional.paramLabel()) + "\\fR", positional);
      }
    }
    for (OptionSpec option : command.options()) {
      if (!option.hidden()) {
        String names = String.join(", ", List.of(option.names()).stream().map(n -> "\\fB" + escape(n) + "\\fR").toList());
        String value = option.arity().max() > 0 ? "=\\fI" + escape(option.paramLabel()) + "\\fR" : "";
        argument(names + value, option);
      }
    }
  }

  private void argument(String term, ArgSpec spec) {
    line(".TP");
    line(term);
    List<String> description = new ArrayList<>();
    for (String row : spec.description()) {
      description.add(String.format(Locale.ROOT, row));
    }
    paragraphs(String.join("\n", description));
  }

  private void exitCodes(Map<String, String> codes) {
    for (Map.Entry<String, String> code : codes.entrySet()) {
      line(".TP");
      text(code.getKey().strip());
      text(code.getValue());
    }
  }

  /** The description as the help prints it: picocli's format specifiers ({@code %n}) applied. */
  private static String description(CommandSpec command) {
    List<String> lines = new ArrayList<>();
    for (String row : command.usageMessage().description()) {
      lines.add(String.format(Locale.ROOT, row));
    }
    return String.join("\n", lines);
  }

  private static String firstSentence(String description) {
    String first = description.split("\\R", 2)[0];
    int end = first.indexOf(". ");
    return end < 0 ? first : first.substring(0, end + 1);
  }

  /** Blank lines separate paragraphs; the lines of one paragraph are filled by troff. */
  private void paragraphs(String text) {
    boolean first = true;
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      if (!first) {
        line(".PP");
      }
      first = false;
      for (String row : paragraph.split("\\R")) {
        text(row.strip());
      }
    }
  }

  /** A line of running text: escaped, and never read as a request even when it starts with a dot or quote. */
  private void text(String text) {
    String escaped = escape(text);
    line(escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped);
  }

  private void line(String line) {
    page.append(line).append('\n');
  }

  /** troff's escapes: a backslash prints as {@code \e}, a hyphen-minus as {@code \-} so options copy as typed. */
  private static String escape(String text) {
    return text.replace("\\", "\\e").replace("-", "\\-");
  }
}
