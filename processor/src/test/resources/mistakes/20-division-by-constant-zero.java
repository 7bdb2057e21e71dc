package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a divisor that is a constant 0.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "total / (1 - 1)", from = "peak", to = "0")})
record ZeroDivisor(double peak, long total) {}
