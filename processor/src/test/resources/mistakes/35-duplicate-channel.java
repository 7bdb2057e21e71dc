package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: lr declared twice in a plan.
@TrainingPlan(channels = {
    @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "1000", value = "0.1")}),
    @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, value = "0.01")})})
interface TwiceLr {}
