package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a step decay every 0 steps.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, from = "0.1", every = "0", factor = "0.1")})
interface EveryZero {}
