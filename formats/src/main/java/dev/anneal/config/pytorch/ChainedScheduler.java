package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code ChainedScheduler(schedulers)}: every step, each member steps in turn on the
 * same learning rate. The multiplicative ("chainable") schedulers multiply it by their own ratio,
 * so a chain of them is the optimizer's learning rate times the product of the members' factors:
 * {@code Scaled(lr, Product(factors))}. Those are StepLR, MultiStepLR, ConstantLR, LinearLR,
 * ExponentialLR, PolynomialLR, and CosineAnnealingLR with {@code eta_min = 0} provided every other
 * member is back to factor 1 by its {@code T_max} (past {@code T_max} PyTorch restarts the cosine
 * from {@code base_lr}, dropping the other factors).
 *
 * <p>CyclicLR, OneCycleLR and CosineAnnealingWarmRestarts set the learning rate from their own
 * base every step instead: the factors of the members before the last of them are discarded, and
 * each member after it applies only that step's ratio ({@code ExponentialLR}'s {@code gamma} once,
 * not {@code gamma^t}), with a warning. Errors name the member: ReduceLROnPlateau (upstream
 * refuses it), nested composites, and the members after such an absolute one whose ratio Anneal
 * cannot express (StepLR, CosineAnnealingLR).
 *
 * <p>torch 2.x takes an {@code optimizer} keyword too (the config's {@code "optimizer":
 * "optimizer"}); it changes nothing here, since every member drives the config's one optimizer.
 *
 * @param schedulers {@code schedulers}, at least one
 */
public record ChainedScheduler(List<PyTorchScheduler> schedulers) implements PyTorchScheduler {
  public ChainedScheduler {
    schedulers = List.copyOf(schedulers);
  }

  @Override
  public String type() {
    return "ChainedScheduler";
  }

  Member member(Context context) {
    return member(context, false);
  }

  /**
   * The chain's member; {@code rewound} when it is a {@code SequentialLR}'s first scheduler in
   * torch 2.x, which steps every member once from {@code last_epoch = -1} outside its initial mode.
   */
  Member member(Context context, boolean rewound) {
    List<Violation> found = new ArrayList<>();
    if (schedulers.isEmpty()) {
      found.add(RuleCode.nonPositiveLength("schedulers", "the number of schedulers", 0));
    }
    for (int i = 0; i < schedulers.size(); i++) {
      String unsupported = unsupported(schedulers.get(i));
      if (unsupported != null) {
        found.add(ConfigCode.notImportable("schedulers[" + i + "]", schedulers.get(i).type(), "PyTorch", unsupported));
      }
    }
    if (!context.report(found)) {
      return null;
    }
    double[] firstFactors = firstFactors(context, rewound);
    if (firstFactors == null) {
      return null;
    }
    double[] built = ParamGroup.builtBases(schedulers, context.optimizer().lr());
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < schedulers.size(); i++) {
      // A multiplicative member's values start from the chain's learning rate; an absolute one's from its own base_lrs.
      double base = ParamGroup.absolute(schedulers.get(i)) ? built[i] : context.base() * firstFactors[i];
      members.add(Presets.member(schedulers.get(i), context.child(i, base, false)));
    }
    if (members.contains(null)) {
      return null;
    }
    int last = lastAbsolute();
    Member chain = last < 0 ? product(context, members, firstFactors) : overwritten(context, members, firstFactors, last, rewound ? null : built);
    if (chain == null) {
      return null;
    }
    for (int i = members.size() - 1; i >= 0; i--) {
      if (members.get(i).cyclesMomentum()) {
        // The last member that cycles momentum sets it last at every step.
        return chain.withMomentum(members.get(i).momentumPhases(), members.get(i).momentumAfterEnd());
      }
    }
    return chain;
  }

  /** The factor each member's first step is off by (1 unless {@code rewound}), or {@code null} after reporting an error. */
  private double[] firstFactors(Context context, boolean rewound) {
    double[] factors = new double[schedulers.size()];
    boolean ok = true;
    for (int i = 0; i < schedulers.size(); i++) {
      factors[i] = rewound ? ParamGroup.firstStepFactor(context, schedulers.get(i), i) : 1.0;
      ok &= !Double.isNaN(factors[i]);
    }
    return ok ? factors : null;
  }

  private int lastAbsolute() {
    for (int i = schedulers.size() - 1; i >= 0; i--) {
      if (ParamGroup.absolute(schedulers.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A chain of multiplicative members: the learning rate times the product of their factors. */
  private Member product(Context context, List<Member> members, double[] firstFactors) {
    double base = context.base();
    boolean ok = true;
    for (int i = 0; i < schedulers.size(); i++) {
      if (schedulers.get(i) instanceof CosineAnnealingLR cosine) {
        for (int j = 0; j < members.size(); j++) {
          if (j != i && members.get(j).settlesAt() > cosine.tMax()) {
            context.add(ConfigCode.notImportable(context.where().of("schedulers[" + i + "]"), cosine.type(), "PyTorch",
                "past T_max (" + cosine.tMax() + ") PyTorch's CosineAnnealingLR restarts its cosine from base_lr, dropping the factor of"
                    + " schedulers[" + j + "] (" + members.get(j).type() + "), which is not back to 1 by then; Anneal reproduces"
                    + " CosineAnnealingLR in a ChainedScheduler only when every other member is back to factor 1 by step T_max"));
            ok = false;
          }
        }
        Violation rises = cosine.risesPastEnd(context.where().child(i), base);
        if (rises != null) {
          context.add(rises);
        }
      }
    }
    if (!ok) {
      return null;
    }
    List<Schedule> factors = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Schedule relative = members.get(i).relative();
      factors.add(firstFactors[i] == 1.0 ? relative : new Scaled(firstFactors[i], relative));
    }
    return new Member(type(), new Scaled(base, new Product(factors)), null, null, null, Member.NEVER, null, null, null,
        members.get(0).startPath());
  }

  /**
   * A chain whose member {@code last} sets the learning rate from its own base every step: its
   * values times the one-step ratios of the members after it.
   */
  private Member overwritten(Context context, List<Member> members, double[] firstFactors, int last, double[] built) {
    Member absolute = members.get(last);
    Member values = firstStepFromInitialLr(context, absolute, last, built);
    if (values == null) {
      return null;
    }
    absolute = values;
    List<Schedule> factors = new ArrayList<>(List.of(absolute.lr()));
    boolean ok = true;
    for (int j = last + 1; j < members.size(); j++) {
      Schedule ratio = StepRatio.of(schedulers.get(j), members.get(j), firstFactors[j]);
      if (ratio == null) {
        context.add(ConfigCode.notImportable(context.where().of("schedulers[" + j + "]"), schedulers.get(j).type(), "PyTorch",
            "after " + schedulers.get(last).type() + " (schedulers[" + last + "]), which sets the learning rate from its own base every"
                + " step, " + schedulers.get(j).type() + " applies one step's ratio at a time, and Anneal expresses that ratio only for"
                + " MultiStepLR, ConstantLR, LinearLR, ExponentialLR and PolynomialLR; put " + schedulers.get(j).type() + " before "
                + schedulers.get(last).type() + " (where it has no effect) or use them separately"));
        ok = false;
      } else {
        factors.add(ratio);
      }
    }
    if (!ok) {
      return null;
    }
    List<String> effects = new ArrayList<>();
    if (values != members.get(last) && schedulers.get(last) instanceof CyclicLR cyclic && built[last] != cyclic.baseLr()) {
      effects.add("its first value is initial_lr " + Checks.show(built[last]) + ", not base_lr " + Checks.show(cyclic.baseLr())
          + " (its first step runs before it sets base_lrs)");
    }
    if (last > 0) {
      effects.add("the factors of " + range(0, last) + " are discarded every step");
    }
    if (last < members.size() - 1) {
      String after = range(last + 1, members.size());
      effects.add(after + (after.contains("..") ? " multiply" : " multiplies") + " it by one step's ratio only (ExponentialLR's gamma once, not gamma^t)");
    }
    if (!effects.isEmpty()) {
      context.add(PyTorchCode.chainOverwritesFactors(context.where().of("schedulers[" + last + "]"),
          schedulers.get(last).type() + " (schedulers[" + last + "])", String.join(", and ", effects)));
    }
    if (factors.size() == 1) {
      return new Member(type(), absolute.lr(), absolute.lrPhases(), absolute.lrAfterEnd(), null, Member.NEVER, null, null, null,
          absolute.startPath());
    }
    return new Member(type(), new Product(factors), null, null, null, Member.NEVER, null, null, null, absolute.startPath());
  }

  /**
   * A {@code CyclicLR} built after another scheduler takes its first step inside {@code
   * LRScheduler.__init__}, before it sets its own {@code base_lrs}: the cycle's start is then the
   * group's {@code initial_lr}, so its value at step 0 is {@code initial_lr}, not {@code base_lr}
   * (torch 1.13 and 2.x alike). {@code built} is {@code null} where the chain's members are
   * stepped again before step 0 (the first member of a torch 2.x {@code SequentialLR}).
   */
  private Member firstStepFromInitialLr(Context context, Member absolute, int index, double[] built) {
    if (!(schedulers.get(index) instanceof CyclicLR) || index == 0 || built == null) {
      return absolute;
    }
    List<Phase> phases = new ArrayList<>(List.of(new Phase(new Constant(built[index]), 1)));
    try {
      phases.addAll(Segments.dropFirst(absolute.lrPhases(), absolute.lrAfterEnd()));
    } catch (Segments.CannotCut e) {
      throw new IllegalStateException("CyclicLR's open cycle always starts one step along; please report this", e);
    }
    Member shifted = Member.absolute(absolute.type(), phases, absolute.lrAfterEnd(), absolute.startPath());
    return absolute.cyclesMomentum() ? shifted.withMomentum(absolute.momentumPhases(), absolute.momentumAfterEnd()) : shifted;
  }

  /** "schedulers[1]" or "schedulers[1..3]", for messages. */
  private static String range(int from, int to) {
    return to - from == 1 ? "schedulers[" + from + "]" : "schedulers[" + from + ".." + (to - 1) + "]";
  }

  private static String unsupported(PyTorchScheduler scheduler) {
    if (scheduler instanceof ReduceLROnPlateau) {
      return "ReduceLROnPlateau cannot run inside ChainedScheduler: torch 2.x's ChainedScheduler raises ValueError (it"
          + " \"does not support ReduceLROnPlateau\"), and torch 1.13's raises TypeError when its step() calls ReduceLROnPlateau.step()"
          + " without the metric; use it on its own";
    }
    if (scheduler instanceof SequentialLR || scheduler instanceof ChainedScheduler) {
      return "Anneal does not reproduce a " + scheduler.type() + " inside a ChainedScheduler (upstream steps it as one member);"
          + " list its schedulers directly";
    }
    if (scheduler instanceof CosineAnnealingLR cosine && cosine.etaMin() != 0) {
      return "CosineAnnealingLR with eta_min " + Checks.show(cosine.etaMin()) + " adds eta_min at every step, so the chain is no"
          + " product of factors; Anneal reproduces it in a ChainedScheduler only with eta_min 0";
    }
    return null;
  }
}
