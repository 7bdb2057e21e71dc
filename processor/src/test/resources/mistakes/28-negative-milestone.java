package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a negative milestone.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = "0.1", milestones = {"-30", "60"}, factor = "0.1")})
interface NegativeMilestone {}
