package dev.anneal.config.transformers;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum TransformersCode implements DiagnosticCode {
  LR_END_NOT_BELOW_LR(Severity.ERROR, "{arg1} ({arg2}) must be smaller than the learning rate ({arg3}); upstream raises ValueError"),
  POLYNOMIAL_WITHOUT_DECAY(Severity.ERROR, "num_warmup_steps equals num_training_steps ({arg1}): the polynomial decay would divide by num_training_steps - num_warmup_steps = 0 at step {arg2} (upstream raises ZeroDivisionError); make num_training_steps larger"),
  ONLY_ONE_OF(Severity.ERROR, "give only one of {arg1} ({arg2}) and {arg3} ({arg4}); upstream raises ValueError"),
  STABLE_PHASE_NEGATIVE(Severity.ERROR, "num_training_steps ({arg1}) is less than num_warmup_steps + num_decay_steps ({arg2} + {arg3}): the stable phase would last {arg4} steps and upstream would start the decay part-way through; raise num_training_steps or shorten the warm-up or the decay"),
  ARGUMENT_PASSED_TWICE(Severity.ERROR, "{arg1} is already passed by get_scheduler (from {arg2}); upstream raises TypeError: got multiple values for keyword argument '{arg3}'"),
  WARMUP_NOT_BEFORE_TOTAL(Severity.WARNING, "{arg1} ({arg2}) is not less than num_training_steps ({arg3}): the warm-up does not finish before the end, and after it the learning rate {arg4} (upstream behaviour)"),
  WARMUP_RATIO_OVERRIDDEN(Severity.WARNING, "warmup_ratio ({arg1}) has no effect: warmup_steps ({arg2}) is greater than 0 and overrides it (TrainingArguments.get_warmup_steps)"),
  STABLE_STEPS_OVERRIDE_TOTAL(Severity.WARNING, "num_training_steps ({arg1}) has no effect: num_stable_steps ({arg2}) is given and wins (upstream warns too); the minimum is held from step {arg3} on"),
  DEEPSPEED_FILE_NOT_READ(Severity.WARNING, "deepspeed names the file {arg1}, which Anneal does not open: if that config has a scheduler block, Trainer runs it instead of lr_scheduler_type; read the file with --format deepspeed to see that schedule");

  private final Severity severity;
  private final String template;

  TransformersCode(Severity severity, String template) {
    this.severity = severity;
    this.template = template;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String template() {
    return template;
  }

  /** Transitional positional factory; replaced by one typed factory per code. */
  public Violation at(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
