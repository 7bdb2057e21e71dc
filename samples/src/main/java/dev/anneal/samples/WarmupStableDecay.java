package dev.anneal.samples;

import static dev.anneal.annotation.Curve.CONSTANT;
import static dev.anneal.annotation.Curve.LINEAR;
import static dev.anneal.annotation.Curve.ONE_MINUS_SQRT;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/**
 * Warmup-stable-decay (WSD): warm up over 1,000 steps, hold 6e-4 for 80,000 steps, then cool down
 * to 0 along the "1 - sqrt" curve over the last 19,000. The first update runs at a learning rate
 * of 0, which the processor warns about; here that is intended, so the warning is suppressed by
 * its code. Generates {@code WarmupStableDecaySchedule}.
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "1_000", from = "0", to = "6e-4"),
    @PhaseSpec(shape = CONSTANT, steps = "80_000"),
    @PhaseSpec(shape = ONE_MINUS_SQRT, steps = "19_000", to = "0")})
@SuppressWarnings("anneal:FirstUpdateAtZero")
public interface WarmupStableDecay {}
