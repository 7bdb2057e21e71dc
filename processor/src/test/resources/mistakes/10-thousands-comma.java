package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: 1,000 with a comma.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "1,000", from = "1e-5", to = "3e-4")})
interface Comma {}
