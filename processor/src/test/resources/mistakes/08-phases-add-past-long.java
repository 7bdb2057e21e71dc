package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: two lengths whose sum passes Long.MAX_VALUE.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = "5_000_000_000_000_000_000", value = "1e-3"),
    @PhaseSpec(shape = CONSTANT, steps = "5_000_000_000_000_000_000")})
interface SumTooLong {}
