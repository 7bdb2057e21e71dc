package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a schedule on a generic record.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "0", to = "peak")})
record Tagged<T>(double peak, long warmup, T tag) {}
