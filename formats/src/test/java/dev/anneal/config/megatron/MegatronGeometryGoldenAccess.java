package dev.anneal.config.megatron;

import dev.anneal.golden.GoldenCase;

/** The per-iteration global batches of a golden-geometry case, for tests of other packages. */
public final class MegatronGeometryGoldenAccess {
  private MegatronGeometryGoldenAccess() {}

  /** {@code global_batch_size} of {@code golden}'s file: the batch of every iteration. */
  public static long[] globalBatches(GoldenCase golden) {
    return MegatronGeometryGoldenTest.globalBatches(golden);
  }
}
