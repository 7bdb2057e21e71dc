package dev.anneal.config.pytorch;

/** Dispatches a scheduler to the package-private method that builds its {@link Member}. */
final class Presets {
  private Presets() {}

  /** The scheduler's member, or {@code null} if it reported an error into {@code context}. */
  static Member member(PyTorchScheduler scheduler, Context context) {
    // One place for the dispatch, so that the records' builders stay out of the public API.
    if (scheduler instanceof StepLR s) {
      return s.member(context);
    } else if (scheduler instanceof MultiStepLR s) {
      return s.member(context);
    } else if (scheduler instanceof ConstantLR s) {
      return s.member(context);
    } else if (scheduler instanceof LinearLR s) {
      return s.member(context);
    } else if (scheduler instanceof ExponentialLR s) {
      return s.member(context);
    } else if (scheduler instanceof PolynomialLR s) {
      return s.member(context);
    } else if (scheduler instanceof CosineAnnealingLR s) {
      return s.member(context);
    } else if (scheduler instanceof CosineAnnealingWarmRestarts s) {
      return s.member(context);
    } else if (scheduler instanceof CyclicLR s) {
      return s.member(context);
    } else if (scheduler instanceof OneCycleLR s) {
      return s.member(context);
    } else if (scheduler instanceof ReduceLROnPlateau s) {
      return s.member(context);
    } else if (scheduler instanceof SequentialLR s) {
      return s.member(context);
    } else if (scheduler instanceof ChainedScheduler s) {
      return s.member(context);
    }
    throw new IllegalStateException("no preset for " + scheduler.type());
  }
}
