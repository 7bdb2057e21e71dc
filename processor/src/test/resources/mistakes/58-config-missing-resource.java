package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a resource that is not there.
@CheckedConfig(format = "deepspeed", resource = "configs/ds_config_final.json")
final class Training {}
