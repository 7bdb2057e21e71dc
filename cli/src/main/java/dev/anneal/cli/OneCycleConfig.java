package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Conversion;
import dev.anneal.config.Formats;
import dev.anneal.config.deepspeed.DeepSpeedFormat;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The config {@code anneal find-lr --write-config} writes: DeepSpeed's {@code OneCycle} between the
 * bounds the range test suggests, learning rate only ({@code cycle_momentum} false: the test
 * measured the learning rate, not β1), no post-cycle decay. The plan is what DeepSpeed's own
 * reader makes of that scheduler block, so an Anneal plan written from it means exactly the
 * ds_config; every format writes it through {@link Conversion}, which reads the text back and
 * proves it equal.
 */
final class OneCycleConfig {
  /** The name that makes {@code --write-config} an Anneal plan unless {@code --write-format} says otherwise. */
  static final String ANNEAL_SUFFIX = ".anneal.json";

  private OneCycleConfig() {}

  /** The format a file is written in when {@code --write-format} is not given: Anneal's for {@code *.anneal.json}, else DeepSpeed's. */
  static String defaultFormat(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(ANNEAL_SUFFIX) ? "anneal" : DeepSpeedFormat.NAME;
  }

  /**
   * The one-cycle plan from {@code minLr} up to {@code maxLr} and back over {@code cycleSteps}
   * updates ({@code cycle_first_step_size} half of them, rounded down), then {@code minLr} held.
   */
  static Plan plan(double minLr, double maxLr, long cycleSteps) {
    long up = cycleSteps / 2;
    String ds = "{\"scheduler\": {\"type\": \"OneCycle\", \"params\": {"
        + "\"cycle_min_lr\": " + minLr + ", \"cycle_max_lr\": " + maxLr
        + ", \"cycle_first_step_size\": " + up + ", \"cycle_second_step_size\": " + (cycleSteps - up)
        + ", \"cycle_momentum\": false}}}";
    return Formats.byName(DeepSpeedFormat.NAME).read(ds).plan();
  }

  /**
   * {@code plan} as a config of {@code format}, proven to mean the same.
   *
   * @throws CommandFailure ({@link ExitCodes#REJECTED}) naming what the format lacks, e.g. a cycle
   */
  static String text(Plan plan, ConfigFormat format) {
    try {
      return Conversion.of(plan, format, OptionalLong.empty()).text();
    } catch (InvalidScheduleException cannot) {
      throw new CommandFailure(ExitCodes.REJECTED,
          Diagnostics.lines(null, cannot.violations().stream().map(v -> v.relocated("--write-format", null, null)).toList()));
    }
  }
}
