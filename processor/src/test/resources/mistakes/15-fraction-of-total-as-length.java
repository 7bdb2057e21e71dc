package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a warm-up ratio times total as a length.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "0.03 * total", from = "0", to = "peak"),
    @PhaseSpec(shape = COSINE, steps = "total - 0.03 * total", to = "0")})
record WarmupRatio(double peak, long total) {}
