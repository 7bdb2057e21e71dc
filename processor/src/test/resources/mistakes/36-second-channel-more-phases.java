package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: momentum with more phases than lr.
@TrainingPlan(channels = {
    @Channel(name = "lr", phases = {@PhaseSpec(shape = CONSTANT, steps = "1000", value = "0.1")}),
    @Channel(name = "momentum", phases = {
        @PhaseSpec(shape = CONSTANT, value = "0.9"),
        @PhaseSpec(shape = CONSTANT, value = "0.8")})})
interface ExtraPhase {}
