package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a first phase with nothing to start from.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "1000", to = "0")})
interface NoStart {}
