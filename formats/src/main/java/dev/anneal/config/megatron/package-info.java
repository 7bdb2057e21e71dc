/**
 * Megatron-LM launch flags and scripts, as Megatron-LM at commit {@code
 * d98e8a64ddf34856e74b24714e3bedb2f5a39553} reads them: a bash-faithful reading of the script (its
 * own shell variables expanded), the flag audit (modelled, refused, ignored, optimizer, geometry),
 * the learning-rate and weight-decay schedulers, the run geometry of a {@code
 * --step-batch-size-schedule} (its schedulers clocked in samples), and the writer.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.megatron;
