package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a constant that never ends, then a decay.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "10_000", to = "0")})
interface HoldThenDecay {}
