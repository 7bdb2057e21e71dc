package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code ChainedScheduler(schedulers)}: every step, each member multiplies the learning
 * rate by its own ratio, so the learning rate is the optimizer's learning rate times the product of
 * the members' factors: {@code Scaled(lr, Product(factors))}.
 *
 * <p>Only the multiplicative ("chainable") schedulers compose that way: StepLR, MultiStepLR,
 * ConstantLR, LinearLR, ExponentialLR, PolynomialLR, and CosineAnnealingLR with {@code eta_min = 0}
 * provided every other member is back to factor 1 by its {@code T_max} (past {@code T_max} torch
 * 1.13 restarts the cosine from {@code base_lr}, dropping the other factors). Others are errors
 * naming the member: ReduceLROnPlateau (raises upstream), CyclicLR, OneCycleLR and
 * CosineAnnealingWarmRestarts (they overwrite the learning rate instead of multiplying it), and
 * nested composites.
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
    double base = context.base();
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < schedulers.size(); i++) {
      members.add(Presets.member(schedulers.get(i), context.child(i, base, false)));
    }
    if (members.contains(null)) {
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < schedulers.size(); i++) {
      if (schedulers.get(i) instanceof CosineAnnealingLR cosine) {
        for (int j = 0; j < members.size(); j++) {
          if (j != i && members.get(j).settlesAt() > cosine.tMax()) {
            context.add(ConfigCode.notImportable(context.where().of("schedulers[" + i + "]"), cosine.type(), "PyTorch",
                "past T_max (" + cosine.tMax() + ") torch 1.13's CosineAnnealingLR restarts its cosine from base_lr, dropping the factor of"
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
    List<Schedule> factors = members.stream().map(Member::relative).toList();
    return new Member(type(), new Scaled(base, new Product(factors)), null, null, null, Member.NEVER, null, null, null,
        members.get(0).startPath());
  }

  private static String unsupported(PyTorchScheduler scheduler) {
    if (scheduler instanceof ReduceLROnPlateau) {
      return "ReduceLROnPlateau cannot run inside ChainedScheduler in torch 1.13: its step() needs the metric"
          + " (upstream raises TypeError); use it on its own";
    }
    if (scheduler instanceof CyclicLR || scheduler instanceof OneCycleLR || scheduler instanceof CosineAnnealingWarmRestarts) {
      return scheduler.type() + " sets the learning rate from its own base every step instead of multiplying it, so inside"
          + " ChainedScheduler it discards the factors of the members before it; Anneal does not reproduce that, use it on its own";
    }
    if (scheduler instanceof SequentialLR || scheduler instanceof ChainedScheduler) {
      return "Anneal does not nest " + scheduler.type() + " inside ChainedScheduler; list its schedulers directly";
    }
    if (scheduler instanceof CosineAnnealingLR cosine && cosine.etaMin() != 0) {
      return "CosineAnnealingLR with eta_min " + Checks.show(cosine.etaMin()) + " adds eta_min at every step, so the chain is no"
          + " product of factors; Anneal reproduces it in a ChainedScheduler only with eta_min 0";
    }
    return null;
  }
}
