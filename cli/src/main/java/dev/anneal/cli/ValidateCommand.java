package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anneal validate}: every error, warning and note of every file, for a person or a CI step.
 * Only errors fail it, unless {@code --strict} makes warnings fail too (notes never do: they are
 * upstream's own behaviour, which no edit of a faithful config removes).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Checks configs and prints every error, warning and note, one per line: 'FILE: [Code] path: message'.",
      "Prints nothing for a file without problems. Errors fail the check; with --strict, warnings fail it too (notes never do)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:no file has errors (warnings and notes allowed; with --strict, no warnings either)",
      "1:a file has errors (with --strict: errors or warnings)",
      "2:bad input: a file cannot be read, or a usage error (on standard error)",
      "70:a bug in Anneal"
    })
final class ValidateCommand implements Callable<Integer> {
  private final ConfigReader configs;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "The config files; - reads standard input. Or give one config itself with --config-text.")
  private List<Path> files;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--strict",
      description = "Warnings fail the check too (exit 1), as errors do; a warning left out with --suppress does not. Notes never fail it.")
  private boolean strict;

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The configs' format: ${COMPLETION-CANDIDATES}. Default: detected for each file from its content and its name.")
  private String format;

  /** A command that reads its configs with {@code configs}. */
  ValidateCommand(ConfigReader configs) {
    this.configs = configs;
  }

  @Override
  public Integer call() {
    ConfigFormat given = configs.format("--format", format);
    List<ConfigSource> sources = sources();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ArrayNode reports = json.enabled() ? JsonNodeFactory.instance.arrayNode() : null;
    int exitCode = ExitCodes.OK;
    for (ConfigSource source : sources) {
      Path file = source.label();
      ObjectNode report = reports == null ? null : reports.addObject();
      ArrayNode diagnostics = report == null ? null : fileReport(report, file);
      String text;
      ConfigFormat configFormat;
      try {
        text = source.text();
        configFormat = given != null ? given
            : configs.detected(source, text, "--format",
                shown.passing(reports == null ? ConfigReader.printedOn(err, file) : note -> JsonOutput.add(diagnostics, file, note)));
      } catch (CommandFailure unreadable) {
        if (report != null) {
          unreadable.violations().forEach(violation -> JsonOutput.add(diagnostics, file, violation));
          report.put("valid", false);
        } else {
          unreadable.lines().forEach(err::println);
        }
        exitCode = Math.max(exitCode, unreadable.exitCode());
        continue;
      }
      List<Violation> found;
      try {
        found = configFormat.read(text).warnings();
      } catch (InvalidScheduleException invalid) {
        found = new ArrayList<>(invalid.violations());
        found.addAll(invalid.warnings());
      }
      boolean valid = found.stream().noneMatch(this::fails);
      if (!valid) {
        exitCode = Math.max(exitCode, ExitCodes.REJECTED);
      }
      // A warning that fails the check is printed even under --quiet, as an error would be.
      List<Violation> printed = found.stream().filter(violation -> shown.shows(violation) || fails(violation)).toList();
      if (report != null) {
        report.put("format", configFormat.name());
        report.put("valid", valid);
        printed.forEach(violation -> JsonOutput.add(diagnostics, file, violation));
      } else {
        Diagnostics.lines(file, printed).forEach(out::println);
      }
    }
    if (reports != null) {
      ObjectNode document = JsonOutput.document("validate");
      document.put("valid", exitCode == ExitCodes.OK);
      document.set("files", reports);
      JsonOutput.print(out, document);
    }
    out.flush();
    err.flush();
    return exitCode;
  }

  /** Whether {@code violation} fails the check: an error, or under {@code --strict} a warning not suppressed. */
  private boolean fails(Violation violation) {
    return violation.isError() || strict && violation.severity() == Severity.WARNING && !shown.suppresses(violation);
  }

  /** The files, then the inline config; the inline config and files together are refused, as by every command. */
  private List<ConfigSource> sources() {
    if (files == null || files.isEmpty()) {
      return List.of(inline.required(null, "FILE"));
    }
    inline.optional(files.get(0), "FILE");
    return files.stream().map(ConfigSource::file).toList();
  }

  /** Starts a file's entry: its name, and the format and validity still to be told; returns its diagnostics. */
  private static ArrayNode fileReport(ObjectNode report, Path file) {
    report.put("file", file.toString());
    report.putNull("format");
    report.putNull("valid");
    return report.putArray("diagnostics");
  }
}
