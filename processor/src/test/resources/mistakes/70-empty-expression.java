package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: an empty value.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = COSINE, steps = "1000", from = "", to = "0")})
interface Blank {}
