package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a step decay without its interval.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, from = "0.1", factor = "0.1")})
interface NoInterval {}
