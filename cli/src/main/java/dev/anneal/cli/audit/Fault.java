package dev.anneal.cli.audit;

/** What explains a log's parting from the config's curve; {@link #IDENTICAL} when it does not part. */
public enum Fault {
  /** Every logged value is the curve's. */
  IDENTICAL("identical"),
  /** The whole log is the curve shifted by a constant number of updates (off by one when 1). */
  INDEX_SHIFT("index-shift"),
  /** The log follows the curve at {@code k·step + d} or {@code ⌊(step + d) / k⌋}: a constant stretch factor. */
  STRETCH("stretch"),
  /** At a resume the curve starts again from step 0. */
  RESUME_RESTART("resume-restart"),
  /** At a resume the curve goes back and replays steps it already ran. */
  RESUME_REPLAY("resume-replay"),
  /** At a resume the curve skips steps ahead. */
  RESUME_JUMP_AHEAD("resume-jump-ahead"),
  /** Updates that did not step the schedule (mixed-precision overflow): the value held, then the log one behind. */
  SKIPPED_UPDATES("skipped-updates"),
  /** More than one kind of break, each listed. */
  SEVERAL("several"),
  /** They part, and none of the above explains how. */
  UNEXPLAINED("unexplained");

  private final String id;

  Fault(String id) {
    this.id = id;
  }

  /** The fault's name in the text report and the {@code --json} document. */
  public String id() {
    return id;
  }
}
