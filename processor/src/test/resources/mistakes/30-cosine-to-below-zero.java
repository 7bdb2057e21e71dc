package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a decay that ends below 0.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "2000", from = "1e-5", to = "3e-4"),
    @PhaseSpec(shape = COSINE, steps = "98_000", to = "-3e-5")})
interface BelowZero {}
