package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: milestones on a fixed-interval step decay.
@TrainingSchedule(phases = {
    @PhaseSpec(shape = STEP, steps = PhaseSpec.FOREVER, from = "0.1", every = "30", factor = "0.1", milestones = {"30", "60"})})
interface StepMilestones {}
