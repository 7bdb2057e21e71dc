package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code SequentialLR(optimizer, schedulers, milestones)}: scheduler i runs from
 * milestone i - 1 (0 for the first) until milestone i, as one {@link Sequence} of their phases.
 * As PyTorch does: members after the first start by their closed form ({@code step(0)} in 1.13,
 * {@code _update_lr(0)} in 2.x); a member between two equal milestones never runs; the first member
 * multiplies the param group's {@code initial_lr} once every member is built (which an {@code
 * OneCycleLR} built after it has rewritten, with a warning) while every later member's {@code
 * base_lr} is the {@code initial_lr} when it was built; and the momentum left by a member that
 * cycled it stays while members that do not cycle it run.
 *
 * <p>A {@code SequentialLR} or (2.x) a {@code ChainedScheduler} may be the first member, with a
 * warning: torch 2.x rewinds the schedulers inside it ({@code recursive_undo}) and steps them once
 * outside their initial mode, so a nested {@code SequentialLR} switches one step early
 * (pytorch/pytorch#196243); torch 1.13 rewinds the nested {@code SequentialLR}'s own count, so its
 * first scheduler runs one step ahead from the full learning rate. Errors name the member: {@code
 * ReduceLROnPlateau} (upstream refuses it), a composite after the first member (upstream cannot
 * restart it), a {@code ChainedScheduler} first in torch 1.13 (AttributeError), composites nested
 * two deep and two {@code OneCycleLR} (not reproduced), and a milestone past the step where a
 * member raises upstream ({@code OneCycleLR}). A member stopped inside a phase whose formula
 * cannot be re-expressed over fewer steps runs its own values step by step up to its milestone.
 *
 * @param schedulers {@code schedulers}, at least one
 * @param milestones {@code milestones}, one fewer than the schedulers, non-decreasing, each at least 1
 */
public record SequentialLR(List<PyTorchScheduler> schedulers, List<Long> milestones) implements PyTorchScheduler {
  public SequentialLR {
    schedulers = List.copyOf(schedulers);
    milestones = List.copyOf(milestones);
  }

  @Override
  public String type() {
    return "SequentialLR";
  }

  /** How a {@code SequentialLR} holding this one as its first member starts it. */
  private enum Nesting {
    /** Not nested. */
    NONE,
    /**
     * torch 2.x: {@code recursive_undo} rewinds the schedulers inside it but not its own step
     * count, then steps it once: its first scheduler takes that step from {@code last_epoch = -1}
     * outside its initial mode, and each milestone takes effect one step early.
     */
    REWOUND,
    /**
     * torch 1.13: the outer one rewinds this one's own step count, not its schedulers, then steps
     * it once: its first scheduler, already at its step 0, takes its step 1 from the reset learning
     * rate, so it runs one step ahead without its first factor; the milestones are on time.
     */
    AHEAD
  }

  Member member(Context context) {
    return member(context, Nesting.NONE);
  }

  private Member member(Context context, Nesting nesting) {
    boolean rewound = nesting == Nesting.REWOUND;
    List<Violation> found = new ArrayList<>();
    if (milestones.size() != schedulers.size() - 1) {
      found.add(PyTorchCode.milestoneCount("milestones", milestones, schedulers.size(), milestones.size()));
    }
    for (int i = 0; i < milestones.size(); i++) {
      String path = "milestones[" + i + "]";
      long milestone = milestones.get(i);
      if (milestone < 1) {
        found.add(RuleCode.nonPositiveLength(path, path, milestone));
      } else if (i > 0 && milestone < milestones.get(i - 1)) {
        found.add(RuleCode.milestonesNotIncreasing(path, milestone, milestones.get(i - 1)));
      }
    }
    for (int i = 0; i < schedulers.size(); i++) {
      String unsupported = unsupported(i, context.version(), nesting != Nesting.NONE);
      if (unsupported != null) {
        found.add(ConfigCode.notImportable("schedulers[" + i + "]", schedulers.get(i).type(), "PyTorch", unsupported));
      }
    }
    if (!context.report(found)) {
      return null;
    }
    double[] built = ParamGroup.builtBases(schedulers, context.optimizer().lr());
    // SequentialLR sets the learning rate back to initial_lr once every member is built; the outer one's wins.
    double reset = nesting == Nesting.NONE ? built[built.length - 1] : context.base();
    List<Long> effective = milestones;
    if (rewound && !milestones.isEmpty()) {
      effective = milestones.stream().map(m -> m - 1).toList();
      context.add(PyTorchCode.nestedMilestonesEarly(context.where().of("milestones"), schedulers.get(0).type(), milestones, effective));
    }
    List<Member> members = new ArrayList<>();
    members.add(first(context, built, reset, nesting));
    for (int i = 1; i < schedulers.size(); i++) {
      members.add(Presets.member(schedulers.get(i), context.child(i, built[i], true)));
    }
    if (members.contains(null)) {
      return null;
    }
    warnIfOneCycleRewritesBase(context, built, reset);
    if (members.size() == 1) {
      return members.get(0);
    }
    return concatenate(context, members, effective, reset);
  }

  /** The first member, which PyTorch steps by its chainable form from the reset learning rate. */
  private Member first(Context context, double[] built, double reset, Nesting nesting) {
    PyTorchScheduler scheduler = schedulers.get(0);
    if (scheduler instanceof ChainedScheduler chained) {
      return chained.member(context.child(0, reset, false), true);
    }
    if (scheduler instanceof SequentialLR inner) {
      return inner.member(context.child(0, reset, false), context.version().is113() ? Nesting.AHEAD : Nesting.REWOUND);
    }
    if (nesting == Nesting.AHEAD) {
      return ahead(context, built, reset);
    }
    double factor = nesting == Nesting.REWOUND ? ParamGroup.firstStepFactor(context, scheduler, 0) : 1.0;
    if (Double.isNaN(factor)) {
      return null;
    }
    if (scheduler instanceof CosineAnnealingLR && reset != built[0]) {
      context.add(ConfigCode.notImportable(context.where().of("schedulers[0]"), scheduler.type(), "PyTorch",
          "a OneCycleLR built after it rewrites initial_lr to " + Checks.show(reset) + ", and CosineAnnealingLR then mixes it with its own"
              + " base_lr " + Checks.show(built[0]) + " (its recursive steps start from the one, its restarts from the other); Anneal"
              + " does not reproduce that: build OneCycleLR first"));
      return null;
    }
    // An absolute scheduler keeps its own base_lrs; a multiplicative one multiplies the learning rate it finds.
    double base = ParamGroup.absolute(scheduler) ? built[0] : reset * factor;
    return Presets.member(scheduler, context.child(0, base, false));
  }

  /**
   * torch 1.13's first scheduler of a nested {@code SequentialLR}: one step ahead of the outer
   * count, from the reset learning rate without its own first factor, so its value at step t is
   * what it would give at step t + 1 from {@code reset / factor(0)}.
   */
  private Member ahead(Context context, double[] built, double reset) {
    PyTorchScheduler scheduler = schedulers.get(0);
    String path = context.where().of("schedulers[0]");
    double factor = ParamGroup.firstFactor(scheduler);
    if (factor == 0) {
      context.add(ConfigCode.notImportable(path, scheduler.type(), "PyTorch", "its first factor is 0, which torch 1.13's nested"
          + " SequentialLR divides out; give it a factor above 0"));
      return null;
    }
    double base = ParamGroup.absolute(scheduler) ? built[0] : reset / factor;
    Member member = Presets.member(scheduler, context.child(0, base, false));
    if (member == null) {
      return null;
    }
    Member advanced;
    try {
      advanced = Member.absolute(member.type(), Segments.dropFirst(member.lrPhases(), member.lrAfterEnd()), member.lrAfterEnd(),
          member.startPath());
      if (member.cyclesMomentum()) {
        advanced = advanced.withMomentum(Segments.dropFirst(member.momentumPhases(), member.momentumAfterEnd()), member.momentumAfterEnd());
      }
    } catch (Segments.CannotCut e) {
      if (milestones.isEmpty()) {
        context.add(ConfigCode.notImportable(path, scheduler.type(), "PyTorch", "torch 1.13 starts the first scheduler of a nested"
            + " SequentialLR one step ahead, but " + e.getMessage() + "; list the inner schedulers in the outer SequentialLR"));
        return null;
      }
      // It runs only until the first milestone: its own values there, one step along.
      long until = milestones.get(0);
      advanced = Member.absolute(member.type(), Segments.tabulate(t -> member.lr().valueAt(t + 1), until), AfterEnd.HOLD, member.startPath());
      if (member.cyclesMomentum()) {
        advanced = advanced.withMomentum(Segments.tabulate(t -> member.momentum().valueAt(t + 1), until), AfterEnd.HOLD);
      }
    }
    context.add(PyTorchCode.nestedFirstAhead(path, scheduler.type(), advanced.lr().valueAt(0) / reset));
    return advanced;
  }

  private void warnIfOneCycleRewritesBase(Context context, double[] built, double reset) {
    PyTorchScheduler first = schedulers.get(0);
    if (reset == built[0] || ParamGroup.absolute(first)) {
      return;
    }
    for (int i = schedulers.size() - 1; i > 0; i--) {
      if (schedulers.get(i) instanceof OneCycleLR) {
        context.add(PyTorchCode.oneCycleRewritesBase(
            context.where().of("schedulers[" + i + "]"), "schedulers[" + i + "]", reset, first.type(), built[0]));
        return;
      }
    }
  }

  /** Why upstream refuses member {@code index}, or Anneal does not reproduce it; {@code null} if neither. */
  private String unsupported(int index, TorchVersion version, boolean nested) {
    PyTorchScheduler scheduler = schedulers.get(index);
    if (scheduler instanceof ReduceLROnPlateau) {
      return "ReduceLROnPlateau cannot run inside SequentialLR: torch 2.x raises ValueError (it \"does not support"
          + " ReduceLROnPlateau\"), and torch 1.13 raises AttributeError (no _initial_step) for a first member and TypeError"
          + " once it steps a later one without its metric; use it on its own";
    }
    boolean composite = scheduler instanceof SequentialLR || scheduler instanceof ChainedScheduler;
    if (composite && index > 0) {
      String in113 = scheduler instanceof ChainedScheduler
          ? "torch 1.13 raises AttributeError building this SequentialLR (a ChainedScheduler has no last_epoch to rewind)"
          : "torch 1.13 calls its step(0), which takes no epoch (TypeError)";
      return scheduler.type() + " cannot follow a milestone: torch 2.x restarts a later member with _update_lr(0), and a "
          + scheduler.type() + " has no formula for it (LRScheduler.get_lr raises NotImplementedError); " + in113
          + "; list its schedulers in this SequentialLR instead";
    }
    if (composite && nested) {
      return "Anneal does not reproduce a " + scheduler.type() + " nested two levels deep in SequentialLR; list its schedulers in"
          + " the outer SequentialLR";
    }
    if (scheduler instanceof ChainedScheduler && version.is113()) {
      return "torch 1.13 raises AttributeError building this SequentialLR: it rewinds every member's last_epoch, which its"
          + " ChainedScheduler does not have (torch 2.x runs it); remove \"torch_version\": \"1.13\" or give the chain's schedulers"
          + " to a ChainedScheduler on its own";
    }
    if (scheduler instanceof OneCycleLR && schedulers.subList(0, index).stream().anyMatch(s -> s instanceof OneCycleLR)) {
      return "every OneCycleLR reads initial_lr, max_lr and min_lr from the param group, which the last one built overwrites;"
          + " Anneal does not reproduce two OneCycleLR in one SequentialLR";
    }
    return null;
  }

  private Member concatenate(Context context, List<Member> members, List<Long> effective, double base) {
    List<Phase> lr = new ArrayList<>();
    boolean anyMomentum = members.stream().anyMatch(Member::cyclesMomentum);
    List<Phase> momentum = new ArrayList<>();
    // After all members are built the momentum is what the last one that cycles it set at its step 0.
    double leftMomentum = Double.NaN;
    for (Member member : members) {
      if (member.cyclesMomentum()) {
        leftMomentum = member.momentum().valueAt(0);
      }
    }
    boolean ok = true;
    long start = 0;
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      boolean last = i == members.size() - 1;
      long length = last ? 0 : effective.get(i) - start;
      if (!last && length == 0) {
        continue; // between two equal milestones: PyTorch never steps it
      }
      try {
        lr.addAll(last ? member.lrPhases() : segment(member.lr(), member.lrPhases(), member.lrAfterEnd(), length));
        if (member.cyclesMomentum()) {
          momentum.addAll(last ? member.momentumPhases()
              : segment(member.momentum(), member.momentumPhases(), member.momentumAfterEnd(), length));
          leftMomentum = last ? Double.NaN : member.momentum().valueAt(length - 1);
        } else if (anyMomentum) {
          momentum.add(new Phase(new Constant(leftMomentum), last ? Phase.OPEN : length));
        }
      } catch (Segments.CannotCut e) {
        context.add(ConfigCode.notImportable(context.where().of("milestones[" + i + "]"), milestones.get(i), "PyTorch",
            "SequentialLR runs schedulers[" + i + "] (" + member.type() + ") for " + length + " steps, until step " + effective.get(i)
                + ", but " + e.getMessage()));
        ok = false;
      }
      if (schedulers.get(i) instanceof CosineAnnealingLR cosine && (last || length > cosine.tMax() + 1)) {
        Violation rises = cosine.risesPastEnd(context.where().child(i), base);
        if (rises != null) {
          context.add(rises);
        }
      }
      start = last ? start : effective.get(i);
    }
    if (!ok) {
      return null;
    }
    Member lastMember = members.get(members.size() - 1);
    Member sequence = Member.absolute(type(), lr, lastMember.lrAfterEnd(), members.get(0).startPath());
    if (!anyMomentum) {
      return sequence;
    }
    return sequence.withMomentum(momentum, lastMember.cyclesMomentum() ? lastMember.momentumAfterEnd() : AfterEnd.HOLD);
  }

  /**
   * The first {@code length} steps of a member's {@code values} as phases: its own phases cut
   * there where the formulas allow, else its values step by step (a chain, which has no phases; a
   * polynomial or one-cycle phase stopped part-way). A member stepped past the end upstream refuses
   * stays an error.
   */
  private static List<Phase> segment(Schedule values, List<Phase> phases, AfterEnd afterEnd, long length) throws Segments.CannotCut {
    if (phases == null) {
      return Segments.tabulate(values::valueAt, length);
    }
    try {
      return Segments.cut(phases, afterEnd, length);
    } catch (Segments.CannotCut e) {
      if (afterEnd == AfterEnd.FAIL && values.declaredEnd().orElse(Long.MAX_VALUE) < length) {
        throw e;
      }
      return Segments.tabulate(values::valueAt, length);
    }
  }
}
