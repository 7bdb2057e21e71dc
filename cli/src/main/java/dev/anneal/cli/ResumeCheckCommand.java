package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.takeover.ForeignState;
import dev.anneal.config.takeover.ForeignStates;
import dev.anneal.config.takeover.StateFormat;
import dev.anneal.config.takeover.TakeOverCheck;
import dev.anneal.config.takeover.TakeOverDifference;
import dev.anneal.config.takeover.TakeOverReport;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anneal resume-check}: takes over a run another framework started. Reads the scheduler state
 * it saved and says at which update an Anneal run starts, the lr upstream would use there and the
 * config's, and every difference, with what a resumed upstream run does with it (docs/resume-check.md).
 */
@Command(
    name = "resume-check",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reads the scheduler state a PyTorch, DeepSpeed, Megatron-LM or transformers run saved (as JSON: docs/resume-check.md "
          + "shows the one-line export of each) and checks it against CONFIG: the update a run taken over starts at, the lr "
          + "upstream would use there and the config's, and every difference, with what a resumed upstream run does with it.",
      "Then prints the builder call that starts an Anneal run there: ScheduledTraining.builder()...optStartStep(N)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:Anneal, started there with CONFIG, continues exactly as the upstream run would",
      "1:they differ, or upstream refuses to resume (Megatron-LM's assertion)",
      "2:bad input: a file cannot be read, the state or the config is invalid, or a usage error (on standard error)",
      "70:a bug in Anneal"
    })
final class ResumeCheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STATE", description = "The saved scheduler state, as JSON; - reads standard input.")
  private Path stateFile;

  @Parameters(index = "1", paramLabel = "CONFIG", arity = "0..1",
      description = "The config that takes the run over; - reads standard input. Or give the config itself with --config-text.")
  private Path configFile;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--state-format", paramLabel = "SYSTEM", completionCandidates = StateFormatNames.class,
      description = "The framework that saved STATE: ${COMPLETION-CANDIDATES}. Default: detected from its keys.")
  private String stateFormat;

  @Override
  public Integer call() {
    ConfigFormat configFormat = configInput.format();
    Optional<StateFormat> system;
    try {
      system = stateFormat == null ? Optional.empty() : Optional.of(ForeignStates.format(stateFormat));
    } catch (InvalidScheduleException unknown) {
      throw CommandFailure.badInput(null, unknown.violations());
    }
    ConfigSource source = inline.required(configFile, "CONFIG");
    Path configLabel = source.label();
    ForeignState state;
    try {
      state = ForeignStates.read(ConfigSource.file(stateFile).text(), system);
    } catch (InvalidScheduleException invalid) {
      throw CommandFailure.badInput(stateFile, invalid.violations());
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Violation> configNotes = new ArrayList<>();
    String configText = source.text();
    Imported config = configInput.read(source, configFormat,
        shown.passing(json.enabled() ? configNotes::add : ConfigReader.printedOn(err, configLabel)));
    TakeOverReport report = TakeOverCheck.check(state, config, configText);
    int exitCode = report.continuesExactly() ? ExitCodes.OK : ExitCodes.REJECTED;
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      configNotes.addAll(shown.shown(config.warnings()));
      ObjectNode document = ResumeCheckJson.document(stateFile, configLabel, config, report);
      ArrayNode diagnostics = JsonOutput.diagnostics(document, configLabel, configNotes);
      shownOrError(report.diagnostics()).forEach(violation -> JsonOutput.add(diagnostics, stateFile, violation));
      JsonOutput.print(out, document);
      return exitCode;
    }
    shown.print(err, configLabel, config.warnings());
    Diagnostics.lines(stateFile, shownOrError(report.diagnostics())).forEach(err::println);
    lines(report, config).forEach(out::println);
    out.flush();
    err.flush();
    return exitCode;
  }

  /** The take-over's diagnostics that --quiet and --suppress leave, and every error (upstream's refusal is the result). */
  private List<Violation> shownOrError(List<Violation> diagnostics) {
    return diagnostics.stream().filter(violation -> violation.isError() || shown.shows(violation)).toList();
  }

  private List<String> lines(TakeOverReport report, Imported config) {
    ForeignState state = report.state();
    List<String> lines = new ArrayList<>();
    lines.add("state: " + state.system().display() + " " + state.kind() + " (" + stateFile + ")");
    lines.add("  read: " + String.join(", ", state.read()));
    lines.add("config: " + configLabel(config));
    lines.add("resume at update " + report.resumeStep() + where(report));
    lines.add("upstream's next lr: " + shown(report.upstreamNext(), report.refused() ? "none: upstream refuses to resume (see the error)" : "not recorded in the state"));
    lines.add("Anneal's lr there:  " + shown(report.annealNext(), "none: the config's schedule has ended there"));
    if (report.differences().isEmpty()) {
      lines.add("differences: none");
    } else {
      lines.add("differences (" + report.differences().size() + "):");
      for (TakeOverDifference difference : report.differences()) {
        lines.add("  " + difference);
      }
    }
    lines.add(report.continuesExactly()
        ? "Anneal continues exactly as " + state.system().display() + " would"
        : report.refused() ? state.system().display() + " refuses to resume with this config"
        : !report.compared() ? "nothing could be compared: the state records neither upstream's next lr nor settings Anneal rebuilds (see the notes)"
        : "Anneal, started there with this config, does not continue as " + state.system().display() + " would");
    lines.add("start there: " + report.builderCall()
        + (state.plateau().isPresent() ? " (the plateau's standing is not carried: see the warning)" : ""));
    report.upstreamConfig().ifPresent(text -> {
      lines.add("upstream's scheduler, rebuilt from the state (" + report.upstreamFormat() + "):");
      text.lines().forEach(line -> lines.add("  " + line));
    });
    return lines;
  }

  private String configLabel(Imported config) {
    return (configFile == null ? ConfigSource.INLINE : configFile) + " (" + config.format() + ")";
  }

  /** The scheduler steps behind the resume step, and Megatron-LM's samples. */
  private static String where(TakeOverReport report) {
    ForeignState state = report.state();
    String steps = report.updatesPerSchedulerStep() == 1 ? ""
        : ": " + state.schedulerSteps() + " scheduler steps of " + report.updatesPerSchedulerStep() + " updates each";
    String samples = state.megatron().map(m -> " (" + m.numSteps() + " samples consumed: num_steps)").orElse("");
    return steps + samples;
  }

  private static String shown(OptionalDouble value, String otherwise) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : otherwise;
  }
}
