package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a phase without a shape.
@TrainingSchedule(phases = {
    @PhaseSpec(steps = "1000", from = "3e-4", to = "0")})
interface Shapeless {}
