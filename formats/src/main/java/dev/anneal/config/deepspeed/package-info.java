/**
 * DeepSpeed configs ({@code ds_config.json}): its five schedulers, the {@code
 * torch.optim.lr_scheduler} classes its engine builds for any other type (read through the {@code
 * pytorch} format, by name), the optimizer block, every key DeepSpeed reads, and the upstream
 * quirks Anneal reproduces as notes and warnings; and DeepSpeed's command-line tuning arguments
 * ({@link dev.anneal.config.deepspeed.DeepSpeedArgsFormat}, the {@code deepspeed-args} format).
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.deepspeed;
