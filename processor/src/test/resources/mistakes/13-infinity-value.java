package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: Infinity as a start.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "1000", from = "Infinity", to = "0")})
interface Infinite {}
