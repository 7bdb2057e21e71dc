package dev.anneal.cli;

import dev.anneal.cli.chart.ChartFiles;
import dev.anneal.cli.chart.ChartWindow;
import dev.anneal.cli.chart.PhaseSpan;
import dev.anneal.cli.chart.PlanChart;
import dev.anneal.cli.chart.ReplanChart;
import dev.anneal.cli.chart.StepAxis;
import dev.anneal.cli.chart.TextChart;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anneal plot}: every channel of a config, drawn over its steps with its phases marked. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Draws every channel of a config (learning rate, momentum, weight decay, ...) one above the other over steps "
          + "0 to N-1, each phase boundary a dashed line labelled with the phase's index and shape, the declared end in red.",
      "Writes a PNG or SVG file with --out; with --out - or without a display, prints a text chart instead; "
          + "without --out on a desktop, opens a window."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the plot was drawn", "2:bad input (one line on standard error per problem)", "70:a bug in Anneal"})
final class PlotCommand implements Callable<Integer> {
  /** The steps drawn for a plan that never ends, unless --steps says otherwise. */
  static final int OPEN_ENDED_STEPS = 1000;

  /** The most steps drawn (each channel's values are kept in memory). */
  static final long MAX_STEPS = 10_000_000;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "The config file; - reads standard input. Or give the config itself with --config-text.")
  private Path file;

  @Mixin private ConfigInput configInput;

  @Mixin private InlineConfig inline;

  @Mixin private DiagnosticFilter shown;

  @Option(names = "--steps", paramLabel = "N", converter = StepLength.Converter.class,
      description = "How many steps to draw. " + StepLength.HELP + " Default: the run's length where the config states it (a pytorch config's epochs), else the latest "
          + "declared end and a tenth past it, or " + OPEN_ENDED_STEPS + " if no channel ends.")
  private StepLength steps;

  @Option(names = "--x", paramLabel = "UNIT", defaultValue = "updates",
      description = "What the x axis counts: updates (default), epochs, samples or tokens, converted by the config's run geometry "
          + "(docs/units.md); each value is drawn at what the updates before it consumed.")
  private String x;

  @Option(names = "--out", paramLabel = "FILE", description = "FILE.png or FILE.svg, in a folder that exists (replaced atomically), or - for a text chart on standard output.")
  private String out;

  @Mixin private ReplanOption replanOption;

  @Override
  public Integer call() throws InterruptedException {
    ConfigFormat configFormat = configInput.format();
    if (steps != null && steps.inUpdates()) {
      requireDrawable(steps.count());
    }
    replanOption.checkForm();
    Path chartFile = out == null || out.equals("-") ? null : Outputs.chartFile("--out", Path.of(out));
    ConfigSource source = inline.required(file, "CONFIG");
    file = source.label(); // from here on the name messages give the config: its path, or <inline>
    PrintWriter err = spec.commandLine().getErr();
    Imported imported = configInput.read(source, configFormat, shown.printedOn(err, file));
    shown.print(err, file, imported.warnings());
    Plan plan = imported.plan();
    StepLengths.Resolved resolved = steps == null ? null : StepLengths.resolve(steps, "--steps", () -> ConfigGeometry.forLengths(imported), imported.format(), file);
    if (resolved != null) {
      requireDrawable(resolved.updates());
    }
    Optional<ReplanOption.Replanned> replanned = replanOption.of(plan, file);
    // Re-planned, the default length covers both plans: the later of their ends and a tenth past it.
    int count = (int) (resolved != null ? resolved.updates()
        : replanned.isPresent() ? Math.max(defaultSteps(plan), defaultSteps(replanned.get().plan()))
        : imported.runLength().isPresent() ? Math.min(imported.runLength().getAsLong(), MAX_STEPS) : defaultSteps(plan));
    requireStepsWithinEnd(plan, count);
    if (replanned.isPresent()) {
      requireStepsWithinEnd(replanned.get().plan(), count);
    }
    StepAxis axis = axis(source, imported, count);
    PrintWriter stdout = spec.commandLine().getOut();
    if (chartFile == null && resolved != null && resolved.converted()) {
      // A text chart or a window has no summary line to say it in.
      shown.print(err, file, List.of(resolved.note()));
    }
    if (chartFile != null) {
      List<XYChart> panels = replanned.isPresent()
          ? ReplanChart.panels(plan, replanned.get().plan(), replanned.get().at(), count, axis)
          : PlanChart.panels(plan, count, axis);
      Outputs.write(chartFile, target -> ChartFiles.write(panels, target));
      stdout.println("wrote " + chartFile + " (" + String.join(", ", plan.channels().keySet()) + "; steps 0 to " + (count - 1)
          + (axis.unit() == Unit.UPDATES ? "" : ", x in " + axis.unit().jsonName())
          + (resolved != null && resolved.converted() ? "; --steps " + resolved.summary() : "")
          + replanned.map(again -> "; " + again.flag() + " solid, the plan before it dashed").orElse("") + ")");
    } else if (out != null || GraphicsEnvironment.isHeadless()) {
      if (axis.unit() != Unit.UPDATES) {
        // The text chart's columns are steps; say so rather than drop --x silently.
        shown.print(err, file, List.of(CliCode.axisNotInTextChart(UnitAxis.FLAG, x)));
      }
      for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
        Schedule schedule = channel.getValue();
        String title = channel.getKey() + (replanned.isPresent() ? " (before the re-plan)" : "");
        TextChart.lines(title, PlanChart.values(schedule, count), PhaseSpan.of(schedule), schedule.declaredEnd()).forEach(stdout::println);
        stdout.println();
        if (replanned.isPresent()) {
          Schedule again = replanned.get().plan().channel(channel.getKey());
          TextChart.lines(channel.getKey() + " (" + replanned.get().flag() + ")", PlanChart.values(again, count), PhaseSpan.of(again),
              again.declaredEnd()).forEach(stdout::println);
          stdout.println();
        }
      }
    } else {
      List<XYChart> panels = replanned.isPresent()
          ? ReplanChart.panels(plan, replanned.get().plan(), replanned.get().at(), count, axis)
          : PlanChart.panels(plan, count, axis);
      ChartWindow.showAndWait("anneal plot " + file.getFileName(), panels);
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  /**
   * The x axis --x asks for, checked against the config's geometry; the geometry must also reach
   * the last step drawn (a length past the 64-bit range of samples cannot be drawn).
   */
  private StepAxis axis(ConfigSource source, Imported imported, int count) {
    Optional<RunGeometry> geometry = x.equals("updates") ? Optional.empty() : ConfigGeometry.of(imported);
    UnitAxis.Result chosen = UnitAxis.of(x, geometry, imported.format());
    if (chosen.axis() == null) {
      throw CommandFailure.badInput(file, chosen.problems());
    }
    if (chosen.axis().unit() != Unit.UPDATES) {
      try {
        geometry.orElseThrow().amountIn(chosen.axis().unit(), count - 1);
      } catch (InvalidScheduleException e) {
        throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(UnitAxis.FLAG, null, null)).toList());
      }
    }
    return chosen.axis();
  }

  /** Refuses a count of steps outside [1, {@link #MAX_STEPS}]: each channel's values are kept in memory. */
  private static void requireDrawable(long steps) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw CommandFailure.badInput(null, List.of(RuleCode.outOfRange("--steps", "--steps", steps, "[1, " + MAX_STEPS + "]")));
    }
  }

  /** The latest declared end and a tenth past it (at least one step, so the end shows), capped where a channel refuses to go on. */
  private static long defaultSteps(Plan plan) {
    long end = -1;
    long failAt = Long.MAX_VALUE;
    for (Schedule schedule : plan.channels().values()) {
      if (schedule.declaredEnd().isPresent()) {
        long declared = schedule.declaredEnd().getAsLong();
        end = Math.max(end, declared);
        if (schedule.afterEnd() == AfterEnd.FAIL) {
          failAt = Math.min(failAt, declared);
        }
      }
    }
    long count = end < 0 ? OPEN_ENDED_STEPS : end + Math.max(1, end / 10);
    return Math.min(Math.min(count, failAt), MAX_STEPS);
  }

  private void requireStepsWithinEnd(Plan plan, int count) {
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      try {
        channel.getValue().valueAt(count - 1);
      } catch (InvalidScheduleException e) {
        throw CommandFailure.badInput(file, e.violations().stream().map(v -> v.relocated(channel.getKey() + " (--steps)", null, null)).toList());
      }
    }
  }
}
