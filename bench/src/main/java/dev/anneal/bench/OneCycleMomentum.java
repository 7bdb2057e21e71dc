package dev.anneal.bench;

import static dev.anneal.annotation.Curve.COSINE;

import dev.anneal.annotation.Channel;
import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingPlan;

/**
 * One-cycle with momentum over 10,000 steps: the learning rate rises along a cosine from 0.004 to
 * 0.1 over 3,000 steps and anneals to 4e-7; momentum mirrors it, 0.95 down to 0.85 and back. One
 * step of this plan is two values. DJL cannot express it: {@code CosineTracker} only decreases,
 * and DJL's optimizers fix momentum when they are built. Generates {@code OneCycleMomentumPlan}.
 */
@TrainingPlan(channels = {
    @Channel(name = "lr", phases = {
        @PhaseSpec(shape = COSINE, steps = "3_000", from = "0.004", to = "0.1"),
        @PhaseSpec(shape = COSINE, steps = "7_000", to = "4e-7")}),
    @Channel(name = "momentum", phases = {
        @PhaseSpec(shape = COSINE, from = "0.95", to = "0.85"),
        @PhaseSpec(shape = COSINE, to = "0.95")})})
public interface OneCycleMomentum {}
