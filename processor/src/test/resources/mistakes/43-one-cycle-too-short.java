package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a one-cycle too short to rise.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = ONE_CYCLE, steps = "3", from = "0.004", peak = "0.1", to = "4e-7", pctStart = "0.3")})
interface TooShort {}
