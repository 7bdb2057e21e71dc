package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a polynomial decay with a negative power.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "100", from = "1e-5", to = "1e-3"),
    @PhaseSpec(shape = POLYNOMIAL, steps = "1000", power = "-1", to = "0")})
interface NegativePower {}
