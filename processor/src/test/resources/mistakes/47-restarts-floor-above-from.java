package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: SGDR whose floor is above the start.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE_RESTARTS, steps = PhaseSpec.FOREVER, from = "1e-4", t0 = "1000", floor = "1e-3")})
interface Rising {}
