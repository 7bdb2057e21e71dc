package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a schedule on a private nested record.
class Experiments {
  @TrainingSchedule(phases = {
      @PhaseSpec(shape = LINEAR, steps = "warmup", from = "0", to = "peak"),
      @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "0")})
  private record Run(double peak, long warmup, long total) {}
}
