package dev.anneal.bench;

import static dev.anneal.annotation.Curve.CONSTANT;
import static dev.anneal.annotation.Curve.LINEAR;
import static dev.anneal.annotation.Curve.ONE_MINUS_SQRT;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/**
 * A four-phase warmup-stable-decay schedule: warm up from 6e-6 to 6e-4 over 1,000 steps, hold it
 * for 79,000, cool down along "1 - sqrt" to 6e-5 over 18,000, then hold the floor for the last
 * 2,000 (and after). No DJL tracker expresses it: {@code WarmUpTracker} has no stable phase and no
 * DJL tracker has the "1 - sqrt" curve. Generates {@code WarmupStableDecaySchedule}.
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "1_000", from = "6e-6", to = "6e-4"),
    @PhaseSpec(shape = CONSTANT, steps = "79_000"),
    @PhaseSpec(shape = ONE_MINUS_SQRT, steps = "18_000", to = "6e-5"),
    @PhaseSpec(shape = CONSTANT, steps = "2_000")})
public interface WarmupStableDecay {}
