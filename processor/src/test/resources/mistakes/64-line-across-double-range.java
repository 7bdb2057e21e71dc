package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a line between the ends of the double range.
@TrainingSchedule(channel = "ema", phases = {
    @PhaseSpec(shape = LINEAR, steps = "100", from = "-1.7e308", to = "1.7e308")})
interface Extremes {}
