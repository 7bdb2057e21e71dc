package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a warm-up of 0 steps.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "0", from = "0", to = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "10_000", to = "0")})
interface NoWarmup {}
