package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.config.Json;
import dev.anneal.config.Problems;
import dev.anneal.config.ShellWords;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DeepSpeed's command-line tuning arguments ({@code add_tuning_arguments} in
 * deepspeed/runtime/lr_schedules.py), as tutorials launch a range test or a one-cycle run:
 *
 * <pre>{@code
 * deepspeed train.py --deepspeed_config ds.json \
 *   --lr_schedule LRRangeTest --lr_range_test_min_lr 1e-5 --lr_range_test_step_size 200 \
 *   --lr_range_test_step_rate 5 --lr_range_test_staircase True
 * }</pre>
 *
 * The text is a command line or a launch-script fragment, split as bash splits it ({@code \}
 * continuations, comments, quotes). The arguments are parsed as argparse parses them ({@link
 * TuningCommandLine}) and turned into the scheduler {@code get_config_from_args} builds: {@code
 * type} from {@code --lr_schedule}, {@code params} from the arguments its {@code override_*_params}
 * function copies, the command line's defaults included. That scheduler is then read as the {@code
 * deepspeed} format reads a ds_config's, with each problem at its flag ({@code
 * --lr_range_test_step_size (line 2)}). {@code get_config_from_args} builds LRRangeTest, OneCycle
 * and WarmupLR as DeepSpeed runs them; WarmupDecayLR and WarmupCosineLR fail in their constructors
 * (no {@code total_num_steps}; keyword arguments they do not take), and so are refused.
 */
public final class DeepSpeedArgsFormat implements ConfigFormat {
  /** The format's name on the command line. */
  public static final String NAME = "deepspeed-args";

  private static final String SCHEDULER_PARAMS = "scheduler.params.";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Reads the tuning arguments of a command line or launch script.
   *
   * @throws InvalidScheduleException listing every error, each at {@code --flag (line N)}
   */
  @Override
  public Imported read(String text) {
    Objects.requireNonNull(text, "text");
    Problems problems = new Problems();
    List<ShellWords.Word> words = ShellWords.of(Json.withoutByteOrderMark(text), problems);
    TuningCommandLine line = TuningCommandLine.parse(words, problems);
    ObjectNode scheduler = TuningConfig.of(line, problems);
    problems.throwIfErrors();
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.set("scheduler", scheduler);
    Imported read;
    try {
      read = new DeepSpeedFormat().read(config.toString());
    } catch (InvalidScheduleException e) {
      List<Violation> errors = new ArrayList<>(problems.all().stream().filter(Violation::isError).toList());
      e.violations().forEach(v -> errors.add(atFlag(v, line)));
      List<Violation> warnings = new ArrayList<>(problems.warnings());
      e.warnings().forEach(v -> warnings.add(atFlag(v, line)));
      throw new InvalidScheduleException(errors, warnings);
    }
    List<Violation> warnings = new ArrayList<>(problems.warnings());
    read.warnings().forEach(v -> warnings.add(atFlag(v, line)));
    return new Imported(NAME, read.plan(), warnings);
  }

  /** A violation of the scheduler block moved to the flag that set the value ({@code scheduler.params.x} → {@code --x (line N)}). */
  private static Violation atFlag(Violation violation, TuningCommandLine line) {
    String path = violation.path();
    if (path.startsWith(SCHEDULER_PARAMS)) {
      String key = path.substring(SCHEDULER_PARAMS.length());
      return TuningArgument.byFlag("--" + key).map(argument -> violation.relocated(line.path(argument), null, null)).orElse(violation);
    }
    if (path.equals("scheduler.type")) {
      return violation.relocated(line.path(TuningArgument.LR_SCHEDULE), null, null);
    }
    return violation;
  }

  /**
   * Writes the tuning arguments that make {@code get_config_from_args} build the scheduler of {@code
   * plan}: one flag per line, continued with {@code \}. Only LRRangeTest, WarmupLR and OneCycle
   * without momentum come from the command line.
   *
   * @throws InvalidScheduleException ({@code Unsupported}) for a plan no tuning argument set builds
   */
  @Override
  public String write(Plan plan) {
    JsonNode config = Json.parse(new DeepSpeedFormat().write(plan));
    JsonNode scheduler = config.path("scheduler");
    String type = scheduler.path("type").asText();
    JsonNode params = scheduler.path("params");
    boolean momentum = params.path("cycle_momentum").asBoolean(false);
    if (!List.of("LRRangeTest", "WarmupLR", "OneCycle").contains(type) || momentum) {
      throw new InvalidScheduleException(ConfigCode.unsupported("", null, NAME, (momentum ? "OneCycle with momentum" : type)
          + " is built from a ds_config, not from DeepSpeed's tuning arguments (get_config_from_args builds LRRangeTest, OneCycle"
          + " without momentum and WarmupLR); write it with --format deepspeed"));
    }
    StringBuilder out = new StringBuilder("--lr_schedule " + type);
    params.fields().forEachRemaining(entry -> {
      JsonNode value = entry.getValue();
      // cycle_momentum is never copied from the command line; a false flag is the default (type=bool: any word is True).
      if (!entry.getKey().equals("cycle_momentum") && !(value.isBoolean() && !value.booleanValue())) {
        String shown = value.isBoolean() ? "True"
            : value.isNumber() ? Values.show(value.isIntegralNumber() ? (Object) value.longValue() : value.doubleValue()) : value.asText();
        out.append(" \\\n  --").append(entry.getKey()).append(' ').append(shown);
      }
    });
    return out.append('\n').toString();
  }
}
