/**
 * What a resumed run must agree on: canonical forms and fingerprints of schedules, the
 * differences between a saved plan and a new one, and the {@link
 * dev.anneal.checkpoint.ResumePolicy} decision, taken here once for the runtime and any other
 * caller; and {@link dev.anneal.checkpoint.Replan}, which re-plans a run from the step it has
 * reached (a new end, or a warm-up–stable–decay cool-down branched now).
 *
 * <p><b>Depends on:</b> The model and its rules only; the runtime reads and writes the files.
 */
package dev.anneal.checkpoint;
