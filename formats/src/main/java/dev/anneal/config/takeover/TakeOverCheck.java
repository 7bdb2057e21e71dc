package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.checkpoint.Difference;
import dev.anneal.checkpoint.ResumeCheck;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import dev.anneal.schedule.Stepped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Checks a framework's saved state against the config that is to take the run over: the update to
 * start at, upstream's next lr and Anneal's, and every difference — the plans compared as Anneal's
 * own resume compares them ({@link ResumeCheck#differences}), upstream's plan rebuilt from the state
 * as a config of the framework's format, then the values from the resume step on.
 */
public final class TakeOverCheck {
  /** The most updates compared one by one after the resume step. */
  static final long HORIZON = 1_000_000;

  private TakeOverCheck() {}

  /**
   * @param state the saved state
   * @param config the config read with its format
   * @param configText the config's text (Megatron-LM's resume flags are read from it)
   */
  public static TakeOverReport check(ForeignState state, Imported config, String configText) {
    Schedule lr = config.plan().channel("lr");
    long perStep = lr instanceof Stepped stepped ? stepped.cadence().updates() : 1;
    long resumeStep = Math.multiplyExact(state.schedulerSteps(), perStep);
    if (state.system() == StateFormat.MEGATRON) {
      return MegatronTakeOver.check(state, config, configText, resumeStep);
    }
    List<TakeOverDifference> differences = new ArrayList<>();
    List<Violation> diagnostics = new ArrayList<>(state.notes());
    ScheduleState configState = PlateauStates.continuing(lr, state.plateau());
    state.plateau().ifPresent(p -> diagnostics.add(TakeOverCode.plateauNotCarried("_last_lr", p.value(), p.best(),
        p.badObservations(), p.cooldownLeft(), lr.valueAt(0, lr.initialState()))));
    OptionalDouble annealNext = LrValues.at(lr, resumeStep, configState);
    OptionalDouble upstreamNext = state.system() == StateFormat.TRANSFORMERS
        ? TransformersLogs.compare(state, lr, differences, diagnostics)
        : state.nextValue();
    compareNext(upstreamNext, annealNext, resumeStep, differences);
    boolean compared = upstreamNext.isPresent() || (state.system() == StateFormat.TRANSFORMERS && !state.logged().isEmpty());
    Optional<String> upstreamText = Optional.empty();
    String upstreamFormat = state.upstream().map(UpstreamConfig::format).orElse(config.format());
    if (state.upstream().isPresent()) {
      UpstreamConfig rebuilt = state.upstream().get();
      ObjectNode text = rebuilt.config().deepCopy();
      if (state.plateau().isPresent() && !text.path("optimizer").has("lr")) {
        // A plateau state keeps no initial lr: take the config's, which a continued plateau never uses.
        text.with("optimizer").put("lr", lr.valueAt(0, lr.initialState()));
      }
      upstreamText = Optional.of(text.toPrettyString());
      try {
        Plan upstreamPlan = steppedAs(lr, Formats.byName(rebuilt.format()).read(text.toString()).plan());
        comparePlans(state, upstreamPlan, config.plan(), resumeStep, differences);
        compared = true;
      } catch (InvalidScheduleException refused) {
        // Settings upstream ran with that Anneal's reader refuses: say so, and compare the value only.
        diagnostics.add(TakeOverCode.planNotRebuilt("type", state.kind(),
            "settings Anneal's " + rebuilt.format() + " reader accepts (" + refused.violations().get(0) + ")"));
      }
    }
    return new TakeOverReport(state, resumeStep, perStep, upstreamNext, annealNext, upstreamText, upstreamFormat, differences, diagnostics,
        configState, compared);
  }

  /**
   * {@code upstream} stepped as the config's lr is: a state counts scheduler steps, and a config
   * stepping once per epoch (or every N updates) says what one of them spans, which the state cannot.
   */
  private static Plan steppedAs(Schedule configLr, Plan upstream) {
    if (!(configLr instanceof Stepped stepped)) {
      return upstream;
    }
    Map<String, Schedule> channels = new LinkedHashMap<>();
    upstream.channels().forEach((name, schedule) -> channels.put(name, new Stepped(schedule, stepped.cadence())));
    return new Plan(channels);
  }

  static void compareNext(OptionalDouble upstream, OptionalDouble anneal, long step, List<TakeOverDifference> differences) {
    if (upstream.isEmpty()) {
      return;
    }
    if (anneal.isEmpty() || !LrValues.same(upstream.getAsDouble(), anneal.getAsDouble())) {
      differences.add(new TakeOverDifference("lr at update " + step, LrValues.show(upstream), LrValues.show(anneal),
          "upstream's optimizer was saved with this lr and uses it for the next update; the config's first update after the takeover "
              + (anneal.isEmpty() ? "is refused (its schedule has ended)" : "uses its own"),
          true));
    }
  }

  /**
   * The plan differences (channels upstream's plan has), then, for PyTorch, the first value that
   * parts after the resume step. A definition that differs but gives the same lr at every update
   * compared (a curve written with other shapes) is listed without parting the runs.
   */
  private static void comparePlans(ForeignState state, Plan upstream, Plan config, long resumeStep, List<TakeOverDifference> differences) {
    Map<String, Schedule> compared = new LinkedHashMap<>();
    upstream.channels().keySet().forEach(name -> config.findChannel(name).ifPresent(s -> compared.put(name, s)));
    boolean restoresAll = state.system() == StateFormat.PYTORCH;
    Map<String, TakeOverDifference> parting = new LinkedHashMap<>();
    if (restoresAll) {
      compared.forEach((name, ours) -> firstParting(state, name, upstream.channel(name), ours, resumeStep).ifPresent(d -> parting.put(name, d)));
    }
    Map<String, List<Difference>> sameCurve = new LinkedHashMap<>();
    for (Difference difference : ResumeCheck.differences(upstream, new Plan(compared))) {
      String channel = difference.path().split("\\.", 2)[0];
      boolean parts = restoresAll && (!compared.containsKey(channel) || parting.containsKey(channel));
      if (restoresAll && !parts) {
        sameCurve.computeIfAbsent(channel, c -> new ArrayList<>()).add(difference);
        continue;
      }
      String consequence = restoresAll
          ? "torch's load_state_dict restores every field of the saved scheduler, so a resumed torch run keeps upstream's value; Anneal would run the config's"
          : "DeepSpeed's load_state_dict restores only last_batch_iteration, so a resumed DeepSpeed run also takes the config's value: the curve changes at the resume step in both";
      differences.add(new TakeOverDifference(difference.path(), difference.saved(), difference.current(), consequence, parts));
    }
    // A channel defined otherwise with the same curve: one line, its first difference and how many more.
    sameCurve.forEach((channel, found) -> {
      Difference first = found.get(0);
      String more = found.size() == 1 ? "" : " (and " + (found.size() - 1) + " more definition differences of " + channel + ")";
      differences.add(new TakeOverDifference(first.path() + more, first.saved(), first.current(),
          "the config defines " + channel + " otherwise than upstream's scheduler, which torch's load_state_dict restores, but gives the "
              + "same value at every update compared after the resume step: the run does not change",
          false));
    });
    differences.addAll(parting.values());
  }

  /** The first update after the resume step where {@code ours} parts from {@code theirs}, up to the horizon. */
  private static Optional<TakeOverDifference> firstParting(ForeignState state, String name, Schedule theirs, Schedule ours, long resumeStep) {
    ScheduleState theirState = PlateauStates.continuing(theirs, state.plateau());
    ScheduleState ourState = PlateauStates.continuing(ours, state.plateau());
    long end = Math.min(resumeStep + HORIZON, horizon(theirs, ours, resumeStep));
    // The resume step itself was compared with the saved lr; the curves are compared after it.
    for (long step = resumeStep + 1; step < end; step++) {
      OptionalDouble a = LrValues.at(theirs, step, theirState);
      OptionalDouble b = LrValues.at(ours, step, ourState);
      if (a.isPresent() != b.isPresent() || (a.isPresent() && !LrValues.same(a.getAsDouble(), b.getAsDouble()))) {
        return Optional.of(new TakeOverDifference(name + " at update " + step, LrValues.show(a), LrValues.show(b),
            "the first update after the resume step where the config's curve parts from the one a resumed torch run follows", true));
      }
    }
    return Optional.empty();
  }

  /** A tenth past the later declared end (at least 100 updates past the resume step). */
  private static long horizon(Schedule a, Schedule b, long resumeStep) {
    OptionalLong endA = a.declaredEnd();
    OptionalLong endB = b.declaredEnd();
    long end = Math.max(endA.orElse(resumeStep), endB.orElse(resumeStep));
    return Math.max(end + end / 10, resumeStep + 100);
  }
}
