package dev.anneal.checkpoint;

/**
 * What to do when a run resumes with a schedule whose definition differs from the checkpoint's.
 * Megatron-LM makes the same choice with flags; Anneal makes it explicit.
 */
public enum ResumePolicy {
  /** Refuse to resume and list every difference. The default, as in Megatron. */
  FAIL_ON_DIFFERENCE,
  /** Use the checkpoint's schedule, ignore the new one (Megatron's {@code --use-checkpoint-opt_param-scheduler}). */
  USE_CHECKPOINT,
  /** Use the new schedule as if the run had always had it (Megatron's {@code --override-opt_param-scheduler}). */
  USE_NEW,
  /**
   * Use the new schedule's shape, scaled per channel so that at the resume step it gives the value
   * the run had reached: no jump at the resume step.
   */
  CONTINUE_FROM_CURRENT_VALUE,
  /**
   * Keep the checkpoint's schedule and fit what is left of it to the current schedule's declared
   * end: the run continues from the value it had reached, and a decay still reaches its floor at
   * the new end ({@link Replan#refit}). Only the end is taken from the current schedule; any other
   * change to it is listed among the differences and not applied.
   */
  REFIT_TO_NEW_END
}
