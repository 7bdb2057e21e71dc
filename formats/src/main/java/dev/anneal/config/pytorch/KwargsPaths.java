package dev.anneal.config.pytorch;

/**
 * Where a scheduler's keyword arguments are, so that every violation names the key the user wrote:
 * {@code step_size} from the Java API, {@code scheduler.kwargs.step_size} in a config file, and
 * {@code scheduler.kwargs.schedulers[1].kwargs.T_max} inside a {@code SequentialLR}.
 *
 * @param prefix the path of the keyword arguments; empty at the top of the Java API
 * @param childInfix what follows {@code schedulers[i]} before a member's own arguments ({@code .kwargs} in JSON)
 * @param optimizer the path of the optimizer's arguments
 */
record KwargsPaths(String prefix, String childInfix, String optimizer) {
  /** Paths of the Java API: PyTorch's keyword names, the optimizer under {@code optimizer}. */
  static final KwargsPaths JAVA = new KwargsPaths("", "", "optimizer");

  /** Paths of a {@code pytorch} config file. */
  static final KwargsPaths JSON = new KwargsPaths("scheduler.kwargs", ".kwargs", "optimizer");

  /** The path of keyword argument {@code kwarg}, e.g. {@code scheduler.kwargs.step_size}. */
  String of(String kwarg) {
    return prefix.isEmpty() ? kwarg : prefix + "." + kwarg;
  }

  /** The path of an optimizer argument, e.g. {@code optimizer.lr}. */
  String ofOptimizer(String key) {
    return optimizer + "." + key;
  }

  /** Where member {@code index} of a {@code SequentialLR} or {@code ChainedScheduler} has its arguments. */
  KwargsPaths child(int index) {
    return new KwargsPaths(of("schedulers[" + index + "]") + childInfix, childInfix, optimizer);
  }
}
