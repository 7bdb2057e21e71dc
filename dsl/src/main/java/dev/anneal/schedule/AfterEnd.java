package dev.anneal.schedule;

/** What a schedule does at steps at or past its declared end (the end of its last phase). */
public enum AfterEnd {
  /** Keep the value the last phase ends on (its formula at its own length). The default. */
  HOLD,
  /**
   * Keep following the last phase's formula: a cosine rises again, a cycle keeps cycling. This is
   * what transformers' cosine schedules and PyTorch's {@code CosineAnnealingLR} do past their end.
   */
  CONTINUE,
  /** Refuse: evaluating a step past the end throws, naming the step and the end. */
  FAIL
}
