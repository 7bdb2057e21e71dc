package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a cosine that never ends.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = PhaseSpec.FOREVER, from = "3e-4", to = "0")})
interface EndlessCosine {}
