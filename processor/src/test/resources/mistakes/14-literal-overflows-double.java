package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: 1e400 overflows a double.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "100", from = "1e-5", to = "1e400")})
interface HugeLiteral {}
