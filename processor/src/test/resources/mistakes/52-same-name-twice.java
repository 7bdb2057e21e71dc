package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: two schedules given one name.
@TrainingSchedule(name = "LrSchedule", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "1e-3"))
interface Small {}

@TrainingSchedule(name = "LrSchedule", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "1e-4"))
interface Large {}
