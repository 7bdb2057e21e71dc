/**
 * Megatron-LM launch flags and scripts: a bash-faithful reading of the script, the flag audit
 * (modelled, refused, ignored, optimizer), the learning-rate and weight-decay schedulers, and
 * the writer.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.megatron;
