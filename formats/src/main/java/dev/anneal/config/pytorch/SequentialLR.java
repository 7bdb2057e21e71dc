package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code SequentialLR(optimizer, schedulers, milestones)}: scheduler i runs from
 * milestone i - 1 (0 for the first) until milestone i, each restarting from its own step 0, as one
 * {@link Sequence} of their phases. As in torch 1.13, members after the first start by their closed
 * form ({@code step(0)}), every member's {@code base_lr} is the param group's {@code initial_lr}
 * (which a first {@code CyclicLR} or {@code OneCycleLR} sets), and the momentum left by a member that
 * cycled it stays while members that do not cycle it run.
 *
 * <p>Not supported (each is an error naming the member): {@code ReduceLROnPlateau} inside (it
 * raises upstream), nested {@code SequentialLR}/{@code ChainedScheduler}, {@code OneCycleLR} after
 * the first member (it rewrites the {@code initial_lr} of the members before it), and a milestone
 * that cuts a polynomial or one-cycle phase short.
 *
 * @param schedulers {@code schedulers}, at least one
 * @param milestones {@code milestones}, one fewer than the schedulers, increasing, each at least 1
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

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    if (milestones.size() != schedulers.size() - 1) {
      found.add(PyTorchCode.milestoneCount("milestones", milestones, schedulers.size(), milestones.size()));
    }
    for (int i = 0; i < milestones.size(); i++) {
      String path = "milestones[" + i + "]";
      long milestone = milestones.get(i);
      if (milestone < 1) {
        found.add(RuleCode.nonPositiveLength(path, path, milestone));
      } else if (i > 0 && milestone <= milestones.get(i - 1)) {
        found.add(RuleCode.milestonesNotIncreasing(path, milestone, milestones.get(i - 1)));
      }
    }
    for (int i = 0; i < schedulers.size(); i++) {
      String unsupported = unsupported(schedulers.get(i), i);
      if (unsupported != null) {
        found.add(ConfigCode.notImportable("schedulers[" + i + "]", schedulers.get(i).type(), "PyTorch", unsupported));
      }
    }
    if (!context.report(found)) {
      return null;
    }
    double base = Presets.initialLr(schedulers.get(0), context.optimizer().lr());
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < schedulers.size(); i++) {
      members.add(Presets.member(schedulers.get(i), context.child(i, base, i > 0)));
    }
    if (members.contains(null)) {
      return null;
    }
    return concatenate(context, members, base);
  }

  private static String unsupported(PyTorchScheduler scheduler, int index) {
    if (scheduler instanceof ReduceLROnPlateau) {
      return "ReduceLROnPlateau cannot run inside SequentialLR in torch 1.13: it is not an _LRScheduler"
          + " (upstream raises AttributeError or TypeError); use it on its own";
    }
    if (scheduler instanceof SequentialLR || scheduler instanceof ChainedScheduler) {
      return "Anneal does not nest " + scheduler.type() + " inside SequentialLR; list its schedulers directly";
    }
    if (scheduler instanceof OneCycleLR && index > 0) {
      return "OneCycleLR rewrites the optimizer's initial_lr when it is built, which changes the schedulers built before it;"
          + " Anneal supports OneCycleLR only as the first scheduler of a SequentialLR";
    }
    return null;
  }

  private Member concatenate(Context context, List<Member> members, double base) {
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
      long length = last ? 0 : milestones.get(i) - start;
      try {
        lr.addAll(last ? member.lrPhases() : Segments.cut(member.lrPhases(), member.lrAfterEnd(), length));
        if (member.cyclesMomentum()) {
          momentum.addAll(last ? member.momentumPhases() : Segments.cut(member.momentumPhases(), member.momentumAfterEnd(), length));
          leftMomentum = last ? Double.NaN : member.momentum().valueAt(length - 1);
        } else if (anyMomentum) {
          momentum.add(new Phase(new Constant(leftMomentum), last ? Phase.OPEN : length));
        }
      } catch (Segments.CannotCut e) {
        context.add(ConfigCode.notImportable(context.where().of("milestones[" + i + "]"), milestones.get(i), "PyTorch",
            "SequentialLR runs schedulers[" + i + "] (" + member.type() + ") for " + length + " steps, until step " + milestones.get(i)
                + ", but " + e.getMessage()));
        ok = false;
      }
      if (schedulers.get(i) instanceof CosineAnnealingLR cosine && (last || length > cosine.tMax() + 1)) {
        Violation rises = cosine.risesPastEnd(context.where().child(i), base);
        if (rises != null) {
          context.add(rises);
        }
      }
      start = last ? start : milestones.get(i);
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
}
