package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code CosineAnnealingLR(optimizer, T_max, eta_min=0)}: half a cosine from the
 * optimizer's learning rate down to {@code eta_min} over {@code T_max} steps. PyTorch does not stop
 * there: past {@code T_max} the cosine rises again, back to the learning rate at {@code 2 * T_max},
 * and so on; Anneal continues the formula the same way ({@link AfterEnd#CONTINUE}) and warns. torch
 * 1.13 computes each value from the previous one; the closed form differs from it in the last bits.
 *
 * @param tMax {@code T_max}, the half period in steps, at least 1
 * @param etaMin {@code eta_min}, the lowest learning rate, at least 0; above the learning rate
 *     (which torch does not check) the cosine rises towards it, reproduced with a warning
 */
public record CosineAnnealingLR(long tMax, double etaMin) implements PyTorchScheduler {
  /** {@code CosineAnnealingLR(optimizer, T_max)} down to 0. */
  public CosineAnnealingLR(long tMax) {
    this(tMax, 0);
  }

  /** A copy with {@code etaMin} replaced; the other arguments are kept. */
  public CosineAnnealingLR withEtaMin(double newEtaMin) {
    return new CosineAnnealingLR(tMax, newEtaMin);
  }

  @Override
  public String type() {
    return "CosineAnnealingLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Rules.atLeastOne(found, "T_max", tMax);
    if (Rules.nonNegative(found, "eta_min", etaMin) && etaMin > context.base()) {
      found.add(PyTorchCode.floorAboveStart("eta_min", etaMin, context.base(), type()));
    }
    if (!context.report(found)) {
      return null;
    }
    Member member = Member.absolute(
        type(), List.of(new Phase(new Cosine(context.base(), etaMin), tMax)), AfterEnd.CONTINUE, context.where().ofOptimizer("lr"));
    // With eta_min = 0 each step multiplies the learning rate by a ratio of cosines: a factor.
    return etaMin == 0 ? member.withRelative(Sequence.of(new Cosine(1, 0), tMax, AfterEnd.CONTINUE), Member.NEVER) : member;
  }

  /** The warning that the learning rate rises again after {@code T_max}, if it does. */
  Violation risesPastEnd(KwargsPaths where, double base) {
    if (base <= etaMin) {
      return null;
    }
    return ConfigCode.risesPastEnd(where.of("T_max"), tMax, tMax, "CosineAnnealingLR cosine");
  }
}
