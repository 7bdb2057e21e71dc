package mistakes;

import static dev.anneal.annotation.Curve.*;

import dev.anneal.annotation.*;
import dev.anneal.schedule.AfterEnd;

// The mistake: a DeepSpeed config read as transformers TrainingArguments.
@CheckedConfig(format = "transformers", resource = "configs/ds_config.json")
final class Training {}
