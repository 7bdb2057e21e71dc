package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.Imported;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Explanation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal explain}: how each channel arrives at its value at one step, and the quirks in play. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Explains the value of each channel at step K (the value update K+1 uses): the phase, its local step, "
          + "the formula and the inputs that gave it, and whether it is open-ended (no declared end). For a config of another system (pytorch, transformers, deepspeed, ...) "
          + "it then lists the upstream quirks Anneal reproduces in that config, as 'validate' reports them."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:explained", "2:bad input (one line on standard error per problem)", "70:a bug in Anneal"})
final class ExplainCommand implements Callable<Integer> {
  /** Said of a channel with no declared end, whose length plot and curve cannot know. */
  static final String OPEN_ENDED = "    open-ended: no declared end; curve shows " + CurveCommand.OPEN_ENDED_STEPS
      + " steps by default, plot " + PlotCommand.OPEN_ENDED_STEPS + " unless another channel ends; pass --steps to see more";

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "The config file; - reads standard input. Or give the config itself with --config-text.")
  private Path file;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private JsonOutput json;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--step", required = true, paramLabel = "K", converter = StepLength.Converter.class,
      description = "The step: the number of updates applied before it, or a length AMOUNT[K|M|B|T]:UNIT (375M:tokens, 2.5:epochs, 1.2B:samples): "
          + "the first step whose updates reach it, by the config's run geometry (docs/units.md); K, M, B, T are exact powers of 1000.")
  private StepLength given;

  @Option(names = "--channel", paramLabel = "CHANNEL", description = "Explain this channel only. Default: every channel.")
  private String channel;

  @Mixin private ReplanOption replanOption;

  @Override
  public Integer call() {
    ConfigFormat configFormat = configInput.format();
    if (given.inUpdates() && given.count() < 0) {
      throw CommandFailure.badInput(null, List.of(RuleCode.negativeStep("--step", given.count())));
    }
    replanOption.checkForm();
    if (json.enabled() && replanOption.given()) {
      throw CommandFailure.badInput(null, List.of(CliCode.replanNotInJson(replanOption.flag())));
    }
    ConfigSource source = inline.required(file, "CONFIG");
    file = source.label(); // from here on the name messages give the config: its path, or <inline>
    List<Violation> notes = new ArrayList<>();
    Imported imported = configInput.read(source, configFormat,
        shown.passing(json.enabled() ? notes::add : ConfigReader.printedOn(spec.commandLine().getErr(), file)));
    Plan plan = imported.plan();
    List<String> explained = channels(plan);
    Optional<ReplanOption.Replanned> replanned = replanOption.of(plan, file);
    Optional<RunGeometry> geometry = ConfigGeometry.of(imported);
    StepLengths.Resolved resolved = StepLengths.resolve(given, "--step", () -> ConfigGeometry.forLengths(imported), imported.format(), file);
    long step = resolved.updates();
    PrintWriter stdout = spec.commandLine().getOut();
    List<String> lines = new ArrayList<>();
    if (resolved.converted()) {
      // The step in both units: the one typed, and the updates the geometry turned it into.
      if (json.enabled()) {
        notes.add(resolved.note());
      } else {
        lines.add("step " + step + " = --step " + resolved.given().text() + ": the first count of updates that reaches "
            + StepLengths.grouped(resolved.given().amount()) + " " + resolved.given().unit().jsonName() + " (they consume "
            + StepLengths.grouped(resolved.reached()) + " " + resolved.given().unit().jsonName() + ")");
      }
    }
    Map<String, Explanation> explanations = new LinkedHashMap<>();
    for (String name : explained) {
      Explanation explanation;
      try {
        explanation = plan.channel(name).explain(step);
      } catch (InvalidScheduleException e) {
        throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(name + " (--step)", null, null)).toList());
      }
      explanations.put(name, explanation);
      lines.add(name + ": " + explanation.toString().replace("\n", "\n  "));
      if (plan.channel(name).declaredEnd().isEmpty()) {
        lines.add(OPEN_ENDED);
      }
      geometry.flatMap(g -> ExplainUnits.safeLine(g, plan.channel(name), step)).ifPresent(lines::add);
      replanned.ifPresent(again -> lines.addAll(replannedLines(name, plan.channel(name), again, step)));
    }
    List<Violation> related = shown.shown(related(imported, explained));
    if (json.enabled()) {
      notes.addAll(related);
      JsonOutput.print(stdout, ExplainJson.document(file, imported, step, explanations, notes, geometry,
          ConfigGeometry.declaredLengths(source, imported)));
      return ExitCodes.OK;
    }
    List<Violation> quirks = related.stream().filter(violation -> !IgnoredSettings.names(violation)).toList();
    List<Violation> ignored = related.stream().filter(IgnoredSettings::names).toList();
    if (!quirks.isEmpty()) {
      lines.add(imported.format().equals("anneal")
          ? "warnings and notes:"
          : "upstream quirks of " + imported.format() + " that Anneal reproduces in this config:");
      quirks.forEach(quirk -> lines.add("  " + quirk));
    }
    if (!ignored.isEmpty()) {
      // Settings read and left out because they do not change the schedule are no quirks.
      lines.add("settings of this config that do not change the schedule:");
      ignored.forEach(note -> lines.add("  " + note));
    }
    lines.forEach(stdout::println);
    stdout.flush();
    return ExitCodes.OK;
  }

  /** The channel re-planned, explained at --step ({@code step} updates), then beside the plan at every boundary of either. */
  private List<String> replannedLines(String name, Schedule old, ReplanOption.Replanned replanned, long step) {
    Schedule schedule = replanned.plan().channel(name);
    List<String> out = new ArrayList<>();
    if (schedule == old) {
      out.add(name + ", " + replanned.flag() + ": unchanged (" + (old.declaredEnd().isEmpty() ? "it has no end to fit" : "it holds one value") + ")");
      return out;
    }
    Explanation explanation;
    try {
      explanation = schedule.explain(step);
    } catch (InvalidScheduleException e) {
      throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(name + " (--step)", null, null)).toList());
    }
    out.add(name + ", " + replanned.flag() + ": " + explanation.toString().replace("\n", "\n  "));
    out.add(name + ", the plan beside the re-planned one:");
    out.addAll(ReplanTable.lines(old, schedule, replanned.at()));
    return out;
  }

  private List<String> channels(Plan plan) {
    if (channel == null) {
      return List.copyOf(plan.channels().keySet());
    }
    if (plan.findChannel(channel).isEmpty()) {
      throw CommandFailure.badInput(file, List.of(RuleCode.unknownChannel("--channel", channel,
          DidYouMean.hint(channel, plan.channels().keySet()))));
    }
    return List.of(channel);
  }

  /**
   * The import's warnings that concern the channels explained: all of them, except those whose path
   * names another channel of the plan ({@code momentum…} when only {@code lr} is explained). A
   * compatibility format's paths name its own keys ({@code scheduler.params.warmup_type}), never a
   * channel, so its quirks all stay.
   */
  static List<Violation> related(Imported imported, List<String> explained) {
    List<Violation> related = new ArrayList<>();
    for (Violation warning : imported.warnings()) {
      boolean otherChannel = false;
      for (Map.Entry<String, Schedule> entry : imported.plan().channels().entrySet()) {
        String name = entry.getKey();
        if (!explained.contains(name) && namesChannel(warning.path(), name)) {
          otherChannel = true;
        }
      }
      if (!otherChannel) {
        related.add(warning);
      }
    }
    return related;
  }

  private static boolean namesChannel(String path, String channel) {
    return path.equals(channel) || path.startsWith(channel + ".") || path.startsWith(channel + "[");
  }
}
