package dev.anneal.config.takeover;

/**
 * Megatron-LM's {@code OptimizerParamScheduler.state_dict()} and the checkpoint's {@code iteration}.
 * Steps are counted in samples, as Megatron counts them ({@code num_steps} advances by the global
 * batch every iteration).
 *
 * @param iteration iterations done: the index of the next optimizer update
 * @param numSteps samples consumed ({@code num_steps})
 * @param maxLr {@code max_lr}
 * @param minLr {@code min_lr}
 * @param warmupSteps {@code lr_warmup_steps}, in samples: an int, or a float when Megatron computed it
 *     from {@code --lr-warmup-fraction}
 * @param decaySteps {@code lr_decay_steps}, in samples
 * @param decayStyle {@code lr_decay_style}
 * @param startWd {@code start_wd}
 * @param endWd {@code end_wd}
 * @param wdIncrSteps {@code wd_incr_steps}, in samples
 * @param wdIncrStyle {@code wd_incr_style}
 */
public record MegatronSchedulerState(
    long iteration,
    long numSteps,
    double maxLr,
    double minLr,
    Number warmupSteps,
    long decaySteps,
    String decayStyle,
    double startWd,
    double endWd,
    long wdIncrSteps,
    String wdIncrStyle) {}
