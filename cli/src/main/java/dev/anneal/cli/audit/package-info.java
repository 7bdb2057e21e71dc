/**
 * {@code anneal audit}: reading a logged learning-rate series (CSV, JSON lines, transformers'
 * {@code trainer_state.json}), comparing it with a config's exact curve, and naming the fault that
 * explains where they part (an index shift, a stretch factor, a resume that restarted or replayed
 * the schedule, skipped updates). Readers return data or throw {@link dev.anneal.cli.audit.UnreadableLog}
 * with every problem as a diagnostic; the classifier is a pure function of the points and the
 * curve; the command in {@code dev.anneal.cli} prints and plots. docs/audit.md describes it.
 *
 * <p><b>Depends on:</b> the model, the config formats' JSON parsing and Jackson; nothing of DJL or picocli.
 */
package dev.anneal.cli.audit;
