package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a cyclic schedule with base and max swapped.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CYCLIC, steps = PhaseSpec.FOREVER, from = "0.1", peak = "0.001", up = "2000", down = "2000")})
interface Swapped {}
