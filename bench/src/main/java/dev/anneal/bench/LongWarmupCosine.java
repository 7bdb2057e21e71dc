package dev.anneal.bench;

import static dev.anneal.annotation.Curve.COSINE;
import static dev.anneal.annotation.Curve.LINEAR;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/**
 * A pre-training-length warm-up and cosine, ten million steps in all, for the bulk benchmark: a
 * linear warm-up of 100,000 steps from 3e-6 to 3e-4, then a cosine to 3e-5 over 9,900,000 steps.
 * Generates {@code LongWarmupCosineSchedule}.
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "100_000", from = "3e-6", to = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "9_900_000", to = "3e-5")})
public interface LongWarmupCosine {}
