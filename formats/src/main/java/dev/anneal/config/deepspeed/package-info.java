/**
 * DeepSpeed configs ({@code ds_config.json}): its five schedulers, the optimizer block, every
 * key DeepSpeed reads, and the upstream quirks Anneal reproduces as notes and warnings.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.deepspeed;
