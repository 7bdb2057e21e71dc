package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: milestones not increasing.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = "0.1", milestones = {"60", "30", "90"}, factor = "0.1")})
interface Unordered {}
