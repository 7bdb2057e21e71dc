package dev.anneal.config.pytorch;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0)}: a cosine
 * from the optimizer's learning rate down to {@code eta_min}, restarted after {@code T_0} steps,
 * then after {@code T_0 * T_mult}, and so on, as the shape {@link CosineRestarts}.
 *
 * @param t0 {@code T_0}, the first period in steps, at least 1 (an integer in PyTorch)
 * @param tMult {@code T_mult}, the growth of each next period, at least 1 (an integer in PyTorch)
 * @param etaMin {@code eta_min}, at least 0; above the learning rate every period rises towards it,
 *     as in torch (with a warning)
 */
public record CosineAnnealingWarmRestarts(long t0, long tMult, double etaMin) implements PyTorchScheduler {
  public static final long DEFAULT_T_MULT = 1;

  /** {@code CosineAnnealingWarmRestarts(optimizer, T_0)}: equal periods, down to 0. */
  public CosineAnnealingWarmRestarts(long t0) {
    this(t0, DEFAULT_T_MULT, 0);
  }

  @Override
  public String type() {
    return "CosineAnnealingWarmRestarts";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Rules.atLeastOne(found, "T_0", t0);
    Rules.atLeastOne(found, "T_mult", tMult);
    if (Rules.nonNegative(found, "eta_min", etaMin) && etaMin > context.base()) {
      found.add(PyTorchCode.floorAboveStart("eta_min", etaMin, context.base(), type()));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.absolute(
        type(),
        List.of(new Phase(new CosineRestarts(context.base(), etaMin, t0, tMult), Phase.OPEN)),
        AfterEnd.HOLD,
        context.where().ofOptimizer("lr"));
  }
}
