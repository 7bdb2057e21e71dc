package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: an exponential rate on a cosine.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "1000", from = "3e-4", to = "0", rate = "0.99")})
interface WrongAttribute {}
