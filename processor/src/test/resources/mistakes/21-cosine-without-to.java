package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a cosine without its end value.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "1000", from = "3e-4")})
interface NoEnd {}
