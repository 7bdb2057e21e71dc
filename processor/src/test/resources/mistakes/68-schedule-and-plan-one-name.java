package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a schedule and a plan given one name.
@TrainingSchedule(name = "Sgd", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "0.1"))
@TrainingPlan(name = "Sgd", channels = @Channel(name = "lr", phases = @PhaseSpec(shape = CONSTANT, steps = PhaseSpec.FOREVER, value = "0.1")))
interface Both {}
