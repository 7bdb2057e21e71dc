/**
 * PyTorch {@code torch.optim.lr_scheduler} settings ({@code scheduler.type} and {@code
 * kwargs}), composites included ({@code SequentialLR}, {@code ChainedScheduler}), how the loop
 * steps them ({@code interval}, {@code frequency} and the epoch figures: {@code SchedulerCadence},
 * {@code EpochGeometry}, {@code EpochCountCheck}), and the writer.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.pytorch;
