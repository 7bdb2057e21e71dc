package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a hand-written class already called LlamaSchedule.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "1e-3")})
interface Llama {}

final class LlamaSchedule {}
