package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Conversion;
import dev.anneal.config.Imported;
import dev.anneal.config.deepspeed.DeepSpeedFormat;
import dev.anneal.config.deepspeed.TrainerAutoFill;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal convert}: the same plan in another format, printed only once it is proven equal. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Writes a config in another format, once proven to mean the same.",
      "The target format reads its own text back and every channel must match the source at every step, within "
          + "max(1e-12, 1e-9 relative): the whole declared horizon and a tenth past it (at least 100 steps), or "
          + Conversion.OPEN_HORIZON + " steps for schedules that never end.",
      "If the target cannot express the plan, says what it lacks or the first step that differs, and, when other "
          + "channels could be converted without one it cannot hold, the --channel that converts them."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the converted config was printed (or written to --output)",
      "1:the target format cannot express the plan exactly (on standard error)",
      "2:bad input (one line on standard error per problem)",
      "70:a bug in Anneal"
    })
final class ConvertCommand implements Callable<Integer> {
  private final ConfigReader configs;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "The config file; - reads standard input. Or give the config itself with --config-text.")
  private Path file;

  @Mixin private InlineConfig inline;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--from", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The config's format: ${COMPLETION-CANDIDATES}. Default: detected from the content and the file name.")
  private String from;

  @Option(names = "--to", required = true, paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "The format to write: ${COMPLETION-CANDIDATES}.")
  private String to;

  @Option(names = "--steps", paramLabel = "N", converter = StepLength.Converter.class,
      description = "Compare steps 0 to N-1 instead of the default horizon. " + StepLength.HELP)
  private StepLength steps;

  @Option(names = "--channel", split = ",", paramLabel = "NAME",
      description = "Convert only these channels (e.g. lr); each channel left out is named on standard error. Default: every channel.")
  private List<String> channels;

  @Mixin private TrainingArgsOption trainingArgs;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the converted config to FILE (replaced atomically) instead of standard output. With --training-args and "
          + "--to deepspeed it is the whole ds_config with its \"auto\" values filled.")
  private Path output;

  /** A command that reads its configs with {@code configs}. */
  ConvertCommand(ConfigReader configs) {
    this.configs = configs;
  }

  @Override
  public Integer call() {
    ConfigFormat source = configs.format("--from", from);
    ConfigFormat target = configs.format("--to", to);
    OptionalLong compared = steps != null && steps.inUpdates() ? Inputs.steps(steps.count()) : OptionalLong.empty();
    if (output != null) {
      Outputs.place("--output", output);
    }
    ConfigSource config = inline.required(file, "FILE");
    file = config.label(); // from here on the name messages give the config: its path, or <inline>
    PrintWriter err = spec.commandLine().getErr();
    TrainerAutoFill.Filled filled = trainingArgs.given() ? trainingArgs.fill(config) : null;
    Imported imported = filled == null ? configs.read(config, source, "--from", shown.printedOn(err, file))
        : TrainingArgsOption.withFillWarnings(configs.read(config, filled.text(), TrainingArgsOption.deepspeed("--from", source), "--from",
            shown.printedOn(err, file)), filled);
    Plan plan = channels == null ? imported.plan() : ConvertChannels.select(imported.plan(), channels, file);
    shown.print(err, file, imported.warnings());
    if (steps != null && !steps.inUpdates()) {
      StepLengths.Resolved resolved = StepLengths.resolve(steps, "--steps", () -> ConfigGeometry.forLengths(imported), imported.format(), file);
      compared = OptionalLong.of(resolved.updates());
      shown.print(err, file, List.of(resolved.note()));
    }
    if (channels != null) {
      shown.print(err, file, ConvertChannels.leftOut(imported.plan(), channels));
    }
    // The filled ds_config itself, every section kept: DeepSpeed reads the same schedule back, as reading it above proved.
    String text = filled != null && target.name().equals(DeepSpeedFormat.NAME) && channels == null ? filled.text() : converted(plan, target, compared);
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      Outputs.write(output, written -> Files.writeString(written, text));
      out.println("wrote " + output + " (" + target.name() + ")");
    } else {
      out.print(text);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private String converted(Plan plan, ConfigFormat target, OptionalLong compared) {
    try {
      return Conversion.of(plan, target, compared).text();
    } catch (InvalidScheduleException cannot) {
      List<Violation> refusal = new ArrayList<>(cannot.violations());
      refusal.addAll(ConvertChannels.account(plan, target, compared, cannot.violations()));
      throw new CommandFailure(ExitCodes.REJECTED, Diagnostics.lines(file, refusal));
    }
  }
}
