package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a length beyond a 64-bit integer.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = "10_000_000_000_000_000_000", value = "1e-3")})
interface TooLong {}
