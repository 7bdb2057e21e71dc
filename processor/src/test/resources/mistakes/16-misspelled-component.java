package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a typo in a component name.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "0", to = "peak"),
    @PhaseSpec(shape = COSINE, steps = "totl - warmup", to = "0")})
record Typo(double peak, long warmup, long total) {}
