package dev.anneal.config.takeover;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Megatron-LM's rule for a resumed {@code opt_param_scheduler} ({@code load_state_dict} and {@code
 * _check_and_set}): each saved value is checked, in this order, against the value the flags construct;
 * by default the first that differs fails an assertion, {@code --use-checkpoint-opt_param-scheduler}
 * takes the checkpoint's values and {@code --override-opt_param-scheduler} the flags' ({@code num_steps}
 * is always the checkpoint's). Upstream's next lr is Megatron's formula, with the values the run uses,
 * at the checkpoint's iteration.
 */
final class MegatronTakeOver {
  /** Megatron's order of checks, its name for each value in the assertion, and the flag that sets it. */
  private static final List<String[]> CHECKED = List.of(
      new String[] {"max_lr", "learning rate", "--lr"},
      new String[] {"min_lr", "minimum learning rate", "--min-lr"},
      new String[] {"lr_warmup_steps", "warmup iterations", "--lr-warmup-samples"},
      new String[] {"lr_decay_steps", "total number of iterations", "--lr-decay-samples"},
      new String[] {"lr_decay_style", "learning rate decay style", "--lr-decay-style"},
      new String[] {"start_wd", "start weight decay", "--start-weight-decay"},
      new String[] {"end_wd", "end weight decay", "--end-weight-decay"},
      new String[] {"wd_incr_steps", "total number of weight decay iterations", "--train-samples"},
      new String[] {"wd_incr_style", "weight decay incr style", "--weight-decay-incr-style"});

  private static final Pattern OVERRIDE = Pattern.compile("(^|\\s)--override-opt[_-]param-scheduler(\\s|$)");
  private static final Pattern USE_CHECKPOINT = Pattern.compile("(^|\\s)--use-checkpoint-opt[_-]param-scheduler(\\s|$)");

  /** What the flags tell Megatron to do with saved values that differ. */
  private enum Policy {
    ASSERT, USE_CHECKPOINT, OVERRIDE
  }

  private MegatronTakeOver() {}

  static TakeOverReport check(ForeignState state, Imported config, String configText, long resumeStep) {
    MegatronSchedulerState saved = state.megatron().orElseThrow();
    Policy policy = OVERRIDE.matcher(configText).find() ? Policy.OVERRIDE
        : USE_CHECKPOINT.matcher(configText).find() ? Policy.USE_CHECKPOINT : Policy.ASSERT;
    List<Violation> diagnostics = new ArrayList<>(state.notes());
    List<TakeOverDifference> differences = new ArrayList<>();
    Schedule lr = config.plan().channel("lr");
    OptionalDouble annealNext = LrValues.at(lr, resumeStep, lr.initialState());
    long batch = saved.iteration() > 0 ? saved.numSteps() / saved.iteration() : 1;
    Optional<MegatronFlagValues> flags = flagValues(config.plan(), diagnostics);
    Map<String, Object> checkpoint = MegatronFlagValues.of(saved);
    boolean refused = false;
    if (flags.isPresent()) {
      for (String[] checked : CHECKED) {
        Object classValue = flags.get().values().get(checked[0]);
        Object savedValue = checkpoint.get(checked[0]);
        if (MegatronFlagValues.equal(classValue, savedValue)) {
          continue;
        }
        String cls = MegatronFlagValues.python(classValue);
        String sd = MegatronFlagValues.python(savedValue);
        if (policy == Policy.ASSERT && !refused) {
          diagnostics.add(TakeOverCode.megatronRefuses(checked[0], cls, sd, checked[1], checked[2]));
          refused = true;
        }
        differences.add(new TakeOverDifference(checked[0], sd, cls, consequence(policy), policy != Policy.OVERRIDE));
      }
      if (flags.get().globalBatch() != batch && saved.iteration() > 0) {
        differences.add(new TakeOverDifference("global batch (num_steps / iteration)", Long.toString(batch),
            Long.toString(flags.get().globalBatch()),
            "Megatron-LM keeps the saved num_steps and adds the new global batch every iteration, so its schedule moves at a new "
                + "rate in samples per iteration; Anneal's plan counts iterations at the config's batch from the start",
            true));
      }
    }
    OptionalDouble upstreamNext = OptionalDouble.empty();
    Optional<String> upstreamText = Optional.empty();
    if (!refused) {
      boolean checkpointValues = policy == Policy.USE_CHECKPOINT || flags.isEmpty();
      String text = checkpointValues ? flagsOf(saved, batch, flags) : null;
      upstreamText = Optional.ofNullable(text);
      Optional<Plan> upstream = checkpointValues ? rebuilt(text, diagnostics) : Optional.of(config.plan());
      if (upstream.isPresent()) {
        Schedule theirs = upstream.get().channel("lr");
        upstreamNext = LrValues.at(theirs, resumeStep, theirs.initialState());
        TakeOverCheck.compareNext(upstreamNext, annealNext, resumeStep, differences);
      }
    }
    return new TakeOverReport(state, resumeStep, 1, upstreamNext, annealNext, upstreamText, "megatron", differences, diagnostics,
        config.plan().channel("lr").initialState(), refused || upstreamNext.isPresent());
  }

  /**
   * The plan of the checkpoint's values, or empty with a note where Megatron's reader refuses them:
   * a WSD schedule needs its decay phase's length, which {@code state_dict} does not save.
   */
  private static Optional<Plan> rebuilt(String flags, List<Violation> diagnostics) {
    try {
      return Optional.of(Formats.byName("megatron").read(flags).plan());
    } catch (InvalidScheduleException refused) {
      diagnostics.add(TakeOverCode.planNotRebuilt("lr_decay_style", "opt_param_scheduler",
          "settings Anneal's megatron reader accepts (" + refused.violations().get(0) + ")"));
      return Optional.empty();
    }
  }

  private static String consequence(Policy policy) {
    return switch (policy) {
      case ASSERT -> "Megatron-LM asserts at the first value that differs (see the error), so the run does not resume";
      case USE_CHECKPOINT -> "--use-checkpoint-opt_param-scheduler: a resumed Megatron-LM run uses the checkpoint's value; Anneal would run the config's";
      case OVERRIDE -> "--override-opt_param-scheduler: a resumed Megatron-LM run uses the flag's value, as Anneal does (the curve changes at the resume step in both)";
    };
  }

  /** The values the config's flags construct, from its plan written back as Megatron flags; empty (with a note) when it cannot be. */
  private static Optional<MegatronFlagValues> flagValues(Plan plan, List<Violation> diagnostics) {
    try {
      return Optional.of(MegatronFlagValues.of(Formats.byName("megatron").write(plan)));
    } catch (InvalidScheduleException | UnsupportedOperationException notMegatron) {
      diagnostics.add(TakeOverCode.configNotMegatron("lr", firstLine(notMegatron.getMessage())));
      return Optional.empty();
    }
  }

  private static String firstLine(String message) {
    String line = message == null ? "no Megatron form" : message.lines().findFirst().orElse("no Megatron form");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /**
   * The warm-up flag that makes Megatron compute the saved {@code lr_warmup_steps}: samples when it
   * is an int, else the fraction of the decay whose product gives it (a neighbour of the quotient
   * where the quotient itself rounds differently).
   */
  private static String warmup(MegatronSchedulerState s) {
    if (s.warmupSteps() instanceof Long samples) {
      return " --lr-warmup-samples " + samples;
    }
    double warmup = s.warmupSteps().doubleValue();
    double fraction = warmup / s.decaySteps();
    for (double candidate : new double[] {fraction, Math.nextUp(fraction), Math.nextDown(fraction)}) {
      if (candidate * s.decaySteps() == warmup) {
        return " --lr-warmup-fraction " + LrValues.python(candidate);
      }
    }
    return " --lr-warmup-fraction " + LrValues.python(fraction);
  }

  /**
   * Megatron flags constructing the scheduler with the checkpoint's values, {@code batch} samples per
   * iteration; a WSD decay phase as the config's flags set it.
   */
  private static String flagsOf(MegatronSchedulerState s, long batch, Optional<MegatronFlagValues> config) {
    StringBuilder flags = new StringBuilder()
        .append("--train-samples ").append(s.wdIncrSteps())
        .append(" --global-batch-size ").append(batch)
        .append(" --lr ").append(LrValues.python(s.maxLr()))
        .append(" --min-lr ").append(LrValues.python(s.minLr()))
        .append(" --lr-decay-style ").append(s.decayStyle())
        .append(" --lr-decay-samples ").append(s.decaySteps())
        .append(warmup(s));
    if (s.decayStyle().equals("WSD") && config.isPresent() && config.get().wsdDecaySamples() != null) {
      // state_dict does not save wsd_decay_steps or lr_wsd_decay_style: a resumed run keeps its flags'.
      flags.append(" --lr-wsd-decay-samples ").append(config.get().wsdDecaySamples())
          .append(" --lr-wsd-decay-style ").append(config.get().wsdDecayStyle());
    }
    if (s.wdIncrStyle().toLowerCase(Locale.ROOT).equals("constant")) {
      flags.append(" --weight-decay ").append(LrValues.python(s.endWd()));
    } else {
      flags.append(" --weight-decay-incr-style ").append(s.wdIncrStyle())
          .append(" --start-weight-decay ").append(LrValues.python(s.startWd()))
          .append(" --end-weight-decay ").append(LrValues.python(s.endWd()));
    }
    return flags.append('\n').toString();
  }
}
