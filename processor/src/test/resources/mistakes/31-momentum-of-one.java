package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: momentum held at 1.
@TrainingSchedule(channel = "momentum", phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "1.0")})
interface FullMomentum {}
