package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a length written negative.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "-500", from = "1e-5", to = "3e-4")})
interface Backwards {}
