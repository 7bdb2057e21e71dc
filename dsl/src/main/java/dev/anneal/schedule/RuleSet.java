package dev.anneal.schedule;

import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The model's rules, collected in one place: the fluent builder, the classes the annotation
 * processor generates (and the processor itself, at compile time), the config readers and the
 * constructors of {@link Plan} all ask here, so a rule is written once and reports the same
 * violations, at the same paths, in the same order, whoever runs it. The rules themselves live in
 * {@link ScheduleRules} (phases and sequences), {@link PlanRules} (channels) and each {@link
 * Shape#check}; this class only decides what runs in which order and what stops the rest.
 *
 * <p>Every method is a pure function returning every violation found, errors and warnings alike;
 * none throws for a broken schedule (see {@link dev.anneal.rules.InvalidScheduleException#throwIfErrors}).
 */
public final class RuleSet {
  private RuleSet() {}

  /**
   * Every violation of a schedule of {@code shapes} lasting {@code lengths} steps each, in order:
   * each phase's errors (paths {@code phases[i].field}); if there are none, the sequence's errors
   * and warnings ({@link ScheduleRules#sequence}).
   *
   * @param lengths each phase's length as declared: empty for a phase declared to last forever,
   *     else its number of steps. A length of {@code Long.MAX_VALUE} is that many steps, not
   *     forever (the model spells forever so), and no phase can have it
   * @param lengthOfLongMaxValue the violation for such a length, given its path ({@code
   *     phases[i].steps}): each caller words it for the way its users write lengths
   */
  public static List<Violation> schedule(
      List<Shape> shapes, List<OptionalLong> lengths, AfterEnd afterEnd, Function<String, Violation> lengthOfLongMaxValue) {
    List<Violation> errors = new ArrayList<>();
    List<Phase> phases = validPhases(shapes, lengths, lengthOfLongMaxValue, errors);
    return errors.isEmpty() ? ScheduleRules.sequence(phases, afterEnd) : errors;
  }

  /**
   * Every violation of a schedule declared as {@link #schedule} and used as channel {@code
   * channel}, with paths relative to the schedule: the schedule's errors, if any (and the
   * sequence's warnings beside them); else the channel's name rule ({@link PlanRules#channelName},
   * at {@code namePath}), and if the name is good, the channel's bounds and the schedule's warnings
   * ({@link PlanRules#channel}, path {@code ""} for the whole schedule).
   *
   * @param namePath where a bad channel name is reported, e.g. {@code channel}
   */
  public static List<Violation> channel(String channel, String namePath,
      List<Shape> shapes, List<OptionalLong> lengths, AfterEnd afterEnd, Function<String, Violation> lengthOfLongMaxValue) {
    List<Violation> errors = new ArrayList<>();
    List<Phase> phases = validPhases(shapes, lengths, lengthOfLongMaxValue, errors);
    if (!errors.isEmpty()) {
      return errors;
    }
    List<Violation> ofSequence = ScheduleRules.sequence(phases, afterEnd);
    if (ofSequence.stream().anyMatch(Violation::isError)) {
      return ofSequence;
    }
    List<Violation> ofName = PlanRules.channelName(namePath, channel);
    if (!ofName.isEmpty()) {
      return ofName;
    }
    // The sequence's warnings are the schedule's own, which the channel's rules report in turn.
    return PlanRules.channel(channel, new Sequence(phases, afterEnd));
  }

  /**
   * Every violation of a plan's {@code channels}, in channel order, each under {@code
   * channels.<name>}: a channel whose name breaks {@link PlanRules#channelName} reports that
   * alone; any other reports its bounds and its schedule's warnings ({@link PlanRules#channel}).
   */
  public static List<Violation> plan(Map<String, Schedule> channels) {
    List<Violation> out = new ArrayList<>();
    channels.forEach((name, schedule) -> {
      String path = "channels." + name;
      List<Violation> ofName = PlanRules.channelName(path, name);
      if (!ofName.isEmpty()) {
        out.addAll(ofName);
        return;
      }
      out.addAll(PlanRules.channel(name, schedule).stream().map(v -> v.under(path)).toList());
    });
    return out;
  }

  /**
   * The phases that pass their own rules ({@link ScheduleRules#phase}); the errors of the others
   * go to {@code errors}, under {@code phases[i]}. A phase's warnings wait for the sequence, which
   * reports them once every phase is valid.
   */
  private static List<Phase> validPhases(
      List<Shape> shapes, List<OptionalLong> lengths, Function<String, Violation> lengthOfLongMaxValue, List<Violation> errors) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      String at = "phases[" + i + "]";
      OptionalLong length = lengths.get(i);
      if (length.isPresent() && length.getAsLong() == Phase.OPEN) {
        errors.add(lengthOfLongMaxValue.apply(at + ".steps"));
        continue;
      }
      long steps = length.orElse(Phase.OPEN);
      List<Violation> ofPhase = ScheduleRules.phase(shapes.get(i), steps);
      for (Violation violation : ofPhase) {
        if (violation.isError()) {
          errors.add(violation.under(at));
        }
      }
      if (ofPhase.stream().noneMatch(Violation::isError)) {
        phases.add(new Phase(shapes.get(i), steps));
      }
    }
    return phases;
  }
}
