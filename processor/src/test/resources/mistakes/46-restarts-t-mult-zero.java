package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: SGDR with a period multiplier of 0.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = "0.1", t0 = "10", tMult = "0")})
interface Shrinking {}
