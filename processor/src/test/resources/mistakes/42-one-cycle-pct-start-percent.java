package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: pctStart written as a percentage.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = ONE_CYCLE, steps = "10_000", from = "0.004", peak = "0.1", to = "4e-7", pctStart = "30")})
interface Percent {}
