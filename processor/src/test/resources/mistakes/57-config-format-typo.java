package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: deepspeeed for deepspeed.
@CheckedConfig(format = "deepspeeed", resource = "configs/ds_config.json")
final class Training {}
