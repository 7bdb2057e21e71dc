package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: CONTINUE after a linear decay.
@TrainingSchedule(afterEnd = AfterEnd.CONTINUE, phases = {
    @PhaseSpec(shape = LINEAR, steps = "1000", from = "0.1", to = "0.01")})
interface KeepGoing {}
