package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a milestone decay without milestones.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = MILESTONES, steps = PhaseSpec.FOREVER, from = "0.1", factor = "0.1")})
interface NoMilestones {}
