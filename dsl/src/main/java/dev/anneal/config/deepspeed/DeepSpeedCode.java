package dev.anneal.config.deepspeed;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum DeepSpeedCode implements DiagnosticCode {
  BOUNDS_REVERSED(Severity.ERROR, "{arg1} ({arg2}) must not exceed {arg3} ({arg4}): {arg5}"),
  LOG_WARMUP_DEFAULT(Severity.WARNING, "log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln({arg1})); add `warmup_type: linear` if you meant a straight ramp"),
  WARMUP_RAISED_TO_TWO(Severity.WARNING, "warmup_num_steps {arg1} is raised to 2 by DeepSpeed (its warm-up divides by ln(warmup_num_steps)); write 2 to say what runs"),
  TWO_UPDATES_AT_WARMUP_MIN(Severity.WARNING, "the first two updates use {arg1} ({arg2}): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
  MOMENTUM_CYCLING_IGNORED(Severity.WARNING, "momentum cycling is ignored on {arg1}: DeepSpeed cycles only the β1 of optimizers with betas (Adam-style), so the momentum stays {arg2}; set cycle_momentum to false to say so"),
  FIRST_BETA1_AT_MIN(Severity.WARNING, "the first update uses β1 = cycle_min_mom ({arg1}), the second {arg2}: DeepSpeed sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom ({arg3})"),
  BETA2_FORCED(Severity.WARNING, "OneCycle sets Adam β2 to 0.99 on every update; the optimizer's β2 ({arg1}) is never used"),
  DECAY_SKIPPED(Severity.WARNING, "{arg1} ({arg2}) has no effect: decay_step_size is 0, so DeepSpeed skips the post-cycle decay; set decay_step_size to apply it"),
  HIDDEN_DEFAULT(Severity.WARNING, "{arg1} is absent; DeepSpeed uses {arg2}"),
  TOTAL_BELOW_WARMUP(Severity.WARNING, "total_num_steps ({arg1}) is less than the warm-up ({arg2} steps): right after the warm-up DeepSpeed drops to {arg3} (it only logs this)"),
  NO_SCHEDULER(Severity.WARNING, "no scheduler block: DeepSpeed keeps the optimizer's lr ({arg1}) on every update, unless your code passes lr_scheduler to deepspeed.initialize"),
  DEEPSPEED_KEY_NOT_READ(Severity.WARNING, "DeepSpeed does not read {arg1}, so it ignores the setting; did you mean `{arg2}`? rename it, or remove it");

  private final Severity severity;
  private final String template;

  DeepSpeedCode(Severity severity, String template) {
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
