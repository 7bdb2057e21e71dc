/**
 * What {@code anneal train} runs: the small model, the run set-up, the batches of each epoch, the
 * optimizer chosen from the config or the options, the run-length checks against the plan, the run
 * log, and where the run saves its checkpoints and what it resumes from ({@code Checkpointing}).
 *
 * <p><b>Depends on:</b> The runtime and DJL, the model and the formats; the command classes in
 * {@code dev.anneal.cli} depend on it, not the other way round.
 */
package dev.anneal.cli.train;
