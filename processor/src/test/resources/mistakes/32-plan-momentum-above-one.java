package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a plan whose momentum rises past 1.
@TrainingPlan(channels = {
    @Channel(name = "lr", phases = {
        @PhaseSpec(shape = LINEAR, steps = "3000", from = "0.004", to = "0.1"),
        @PhaseSpec(shape = LINEAR, steps = "7000", to = "4e-7")}),
    @Channel(name = "momentum", phases = {
        @PhaseSpec(shape = LINEAR, from = "0.95", to = "0.85"),
        @PhaseSpec(shape = LINEAR, to = "1.05")})})
interface OneCycleTooHigh {}
