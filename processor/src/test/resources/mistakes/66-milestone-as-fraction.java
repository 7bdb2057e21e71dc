package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a milestone written as a fraction of the run.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = "peak", milestones = {"total * 0.5", "total * 0.75"}, factor = "0.1")})
record Fractions(double peak, long total) {}
