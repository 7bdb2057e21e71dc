package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: an inverse-sqrt floor above the peak.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = INVERSE_SQRT, steps = PhaseSpec.FOREVER, from = "1e-3", timescale = "4000", floor = "1e-2")})
interface HighFloor {}
