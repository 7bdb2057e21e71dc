package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a name in a schedule that has no parameters.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "0", to = "3e-4")})
interface Unbound {}
