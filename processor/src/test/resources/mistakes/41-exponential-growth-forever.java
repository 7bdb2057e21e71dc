package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: an exponential rate above 1 that never ends.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = EXPONENTIAL, steps = PhaseSpec.FOREVER, from = "0.1", rate = "1.01")})
interface Explodes {}
