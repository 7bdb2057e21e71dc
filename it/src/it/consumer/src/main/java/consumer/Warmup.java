package consumer;

import static dev.anneal.annotation.Curve.COSINE;
import static dev.anneal.annotation.Curve.LINEAR;

import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

/** A user's annotated schedule: the processor generates {@code WarmupSchedule}. */
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "4", from = "0.01", to = "0.1"),
    @PhaseSpec(shape = COSINE, steps = "16", to = "0.001")})
public interface Warmup {}
