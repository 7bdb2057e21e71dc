package dev.anneal.bench;

import static dev.anneal.annotation.Curve.COSINE;
import static dev.anneal.annotation.Curve.LINEAR;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/**
 * The curve DJL can express too ({@code WarmUpTracker} around {@code CosineTracker}): a linear
 * warm-up of 2,000 steps from 3e-6 to 3e-4, then a cosine down to 3e-5 over 98,000 steps, held
 * after. Generates {@code WarmupCosineSchedule}; {@link Curves#warmupCosine()} is the same schedule
 * from the fluent builder and {@link Curves#djlWarmupCosine()} DJL's.
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "2_000", from = "3e-6", to = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "98_000", to = "3e-5")})
public interface WarmupCosine {}
