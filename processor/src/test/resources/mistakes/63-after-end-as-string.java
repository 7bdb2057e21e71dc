package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: afterEnd written as a string.
@TrainingSchedule(afterEnd = "HOLD", phases = {
    @PhaseSpec(shape = LINEAR, steps = "1000", from = "0.1", to = "0.01")})
interface Stringly {}
