package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: momentun for momentum.
@TrainingSchedule(channel = "momentun", phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "0.9")})
interface Momentun {}
