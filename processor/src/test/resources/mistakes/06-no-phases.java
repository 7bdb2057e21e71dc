package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: an empty phase list.
@TrainingSchedule(phases = {
    })
interface Nothing {}
