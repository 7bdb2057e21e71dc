/**
 * What a resumed run must agree on: canonical forms and fingerprints of schedules, the
 * differences between a saved plan and a new one, and the {@link
 * dev.anneal.checkpoint.ResumePolicy} decision, taken here once for the runtime and any other
 * caller.
 *
 * <p><b>Depends on:</b> The model and its rules only; the runtime reads and writes the files.
 */
package dev.anneal.checkpoint;
