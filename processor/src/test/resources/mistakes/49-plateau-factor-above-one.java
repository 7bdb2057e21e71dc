package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a plateau factor that raises the value.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = PLATEAU, steps = PhaseSpec.FOREVER, from = "0.1", factor = "10")})
interface Raises {}
