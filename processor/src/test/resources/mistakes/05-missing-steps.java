package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a single phase without a length.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, from = "1e-5", to = "3e-4")})
interface NoLength {}
