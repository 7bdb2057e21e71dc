package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a warm-up that starts at exactly 0.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "2000", from = "0", to = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "98_000", to = "3e-5")})
interface ZeroStart {}
