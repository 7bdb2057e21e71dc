package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a unit word in a length.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "2000 steps", from = "1e-5", to = "3e-4")})
interface Worded {}
