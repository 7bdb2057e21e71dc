package dev.anneal.samples;

import static dev.anneal.annotation.Curve.COSINE;

import dev.anneal.annotation.Channel;
import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingPlan;

/**
 * One-cycle for SGD with momentum (Smith's super-convergence): the learning rate rises from 0.004
 * to 0.1 over the first 30% of 10,000 steps and anneals to 4e-7, while momentum mirrors it, 0.95
 * down to 0.85 and back. The momentum phases leave out {@code steps}: they share the learning
 * rate's. Generates {@code OneCycleSgdPlan} with {@code OneCycleSgdPlan.plan()}.
 */
@TrainingPlan(channels = {
    @Channel(name = "lr", phases = {
        @PhaseSpec(shape = COSINE, steps = "3_000", from = "0.004", to = "0.1"),
        @PhaseSpec(shape = COSINE, steps = "7_000", to = "4e-7")}),
    @Channel(name = "momentum", phases = {
        @PhaseSpec(shape = COSINE, from = "0.95", to = "0.85"),
        @PhaseSpec(shape = COSINE, to = "0.95")})})
public interface OneCycleSgd {}
