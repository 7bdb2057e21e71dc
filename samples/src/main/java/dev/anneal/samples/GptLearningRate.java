package dev.anneal.samples;

import static dev.anneal.annotation.Curve.CONSTANT;
import static dev.anneal.annotation.Curve.COSINE;
import static dev.anneal.annotation.Curve.LINEAR;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/**
 * GPT-style learning rate: a linear warm-up of 2,000 steps to 3e-4, 10,000 steps at the peak,
 * then a cosine down to a tenth of it over 88,000 steps, held after. The warm-up starts at 3e-6
 * rather than 0, so the first update already learns. Generates {@code GptLearningRateSchedule}.
 */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "2_000", from = "3e-6", to = "3e-4"),
    @PhaseSpec(shape = CONSTANT, steps = "10_000"),
    @PhaseSpec(shape = COSINE, steps = "88_000", to = "3e-5")})
public interface GptLearningRate {}
