package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: name equal to the annotated type.
@TrainingSchedule(name = "Gpt", phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "1e-3")})
interface Gpt {}
