/**
 * Taking over a run that another framework started: reading the scheduler state PyTorch,
 * DeepSpeed, Megatron-LM or the transformers Trainer saved ({@link ForeignStates}), and checking it
 * against an Anneal config ({@link TakeOverCheck}): the update a resumed run starts at, the value
 * upstream would use there and Anneal's, and every difference, found the way Anneal's own resume
 * finds them ({@code ResumeCheck.differences}) on upstream's plan rebuilt from the state as a config
 * of the same format.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config} (formats only through {@code
 * Formats.byName}), Jackson; not a format's package.
 */
package dev.anneal.config.takeover;
