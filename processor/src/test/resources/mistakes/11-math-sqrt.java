package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: Math.sqrt in a value.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "Math.sqrt(512) * 1e-4")})
interface RootScaled {}
