package dev.anneal.config.pytorch;

import dev.anneal.rules.Violation;
import java.util.List;

/**
 * What a scheduler is built against: the optimizer, the {@code base_lr} PyTorch gives it, whether
 * it starts by its closed form, the torch version, and where its arguments are. Violations go to
 * {@code out}.
 *
 * @param optimizer the optimizer the scheduler drives
 * @param base the scheduler's {@code base_lrs[0]}: the param group's {@code initial_lr} when it was built
 *     (for a multiplicative scheduler, the learning rate its chain of factors starts from)
 * @param restarted true for a member of {@code SequentialLR} after the first: PyTorch starts it with
 *     {@code step(0)}, i.e. its closed form, instead of its chainable first step
 * @param version the {@code lr_scheduler.py} whose behaviour is reproduced
 * @param where the paths of its arguments
 * @param out where violations (errors and warnings) are collected, with full paths
 */
record Context(PyTorchOptimizer optimizer, double base, boolean restarted, TorchVersion version, KwargsPaths where, List<Violation> out) {

  /** The context of member {@code index} of a composite scheduler. */
  Context child(int index, double childBase, boolean childRestarted) {
    return new Context(optimizer, childBase, childRestarted, version, where.child(index), out);
  }

  /**
   * Adds {@code found} (paths relative to this scheduler's arguments) and says whether none of them
   * is an error.
   */
  boolean report(List<Violation> found) {
    for (Violation violation : found) {
      out.add(violation.under(where.prefix()));
    }
    return found.stream().noneMatch(Violation::isError);
  }

  /** Adds one violation whose path is already complete. */
  void add(Violation violation) {
    out.add(violation);
  }
}
