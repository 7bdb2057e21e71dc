package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: value on a linear phase.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "1000", value = "3e-4")})
interface LinearValue {}
