package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a resource path written as for Class.getResource.
@CheckedConfig(format = "deepspeed", resource = "/configs/ds_config.json")
final class Training {}
