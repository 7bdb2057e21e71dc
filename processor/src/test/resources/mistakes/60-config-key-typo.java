package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a misspelled DeepSpeed key.
@CheckedConfig(format = "deepspeed", resource = "configs/ds_config_typo.json")
final class Training {}
