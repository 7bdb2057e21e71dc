package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a Long (boxed) component as a length.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = "total", value = "1e-3")})
record Boxed(Long total) {}
