package dev.anneal.config.takeover;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum TakeOverCode implements DiagnosticCode {
  STATE_NOT_JSON(Severity.ERROR, "the scheduler state is not JSON ({detail}); export it with the line for your framework in docs/resume-check.md"),
  STATE_NOT_RECOGNISED(Severity.ERROR, "the state's keys ({keys}) are no scheduler state Anneal reads: PyTorch's has last_epoch, DeepSpeed's last_batch_iteration, Megatron-LM's num_steps and iteration, transformers' global_step and log_history; export it as docs/resume-check.md shows, or pass --state-format"),
  STATE_FIELD_MISSING(Severity.ERROR, "the {system} state has no {field}, which {why}; export it with the line for {system} in docs/resume-check.md"),
  STATE_FIELD_INVALID(Severity.ERROR, "{field} is {given}: {expected}"),
  UNKNOWN_STATE_FORMAT(Severity.ERROR, "unknown state format '{given}'{hint}"),
  PLAN_NOT_REBUILT(Severity.NOTE, "{kind}'s state does not hold {missing}, so upstream's plan cannot be rebuilt from it: only the value at the resume step is compared"),
  NO_NEXT_VALUE(Severity.NOTE, "the state does not record the value of update {step} ({why}): only the plans are compared"),
  MEGATRON_REFUSES(Severity.ERROR, "this checkpoint is refused by Megatron-LM: OptimizerParamScheduler.load_state_dict asserts \"OptimizerParamScheduler: class input value {classValue} and checkpointvalue {checkpointValue} for {name} do not match\"; pass --use-checkpoint-opt_param-scheduler to continue with the checkpoint's values, --override-opt_param-scheduler to continue with the flags', or change {flag} to the checkpoint's value"),
  CONFIG_NOT_MEGATRON(Severity.NOTE, "the config's plan has no Megatron-LM flags ({reason}), so the checkpoint's values are compared with the config's curve only, not with the flags Megatron-LM would check"),
  LOGGED_LR_CONVENTION(Severity.NOTE, "the logged learning rates are read as {version} logs them: {meaning}"),
  PLATEAU_NOT_CARRIED(Severity.WARNING, "the plateau had reduced the lr to {reached} (best metric {best}, {bad} bad epochs, {cooldown} cooldown epochs left), and optStartStep alone starts plateau phases with no metric observed, at the config's lr ({initial}); start the run with optStartState(\"lr\", report.lrState()) beside optStartStep to continue from this standing, as upstream does");

  private final MessageSpec spec;

  TakeOverCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /** A state file that JSON cannot parse; {@code detail} is the parser's reason with its line and column. */
  public static Violation stateNotJson(String path, String detail) {
    return STATE_NOT_JSON.violation(path, null, detail);
  }

  /** A JSON object that matches no system's state; {@code keys} lists its top-level keys. */
  public static Violation stateNotRecognised(String path, String keys) {
    return STATE_NOT_RECOGNISED.violation(path, keys, keys);
  }

  /**
   * @param system the framework, as its docs name it
   * @param why what Anneal needs the field for
   */
  public static Violation stateFieldMissing(String path, String system, String field, String why) {
    return STATE_FIELD_MISSING.violation(path, null, system, field, why);
  }

  /** @param expected what the field must be, in words */
  public static Violation stateFieldInvalid(String path, String field, String given, String expected) {
    return STATE_FIELD_INVALID.violation(path, given, field, given, expected);
  }

  /** @param hint a "did you mean" clause, or the list of the formats */
  public static Violation unknownStateFormat(String path, String given, String hint) {
    return UNKNOWN_STATE_FORMAT.violation(path, given, given, hint);
  }

  /** @param missing what the state lacks for a rebuild, in words */
  public static Violation planNotRebuilt(String path, String kind, String missing) {
    return PLAN_NOT_REBUILT.violation(path, kind, kind, missing);
  }

  /** @param why why the state has no value for that update */
  public static Violation noNextValue(String path, long step, String why) {
    return NO_NEXT_VALUE.violation(path, step, step, why);
  }

  /**
   * Megatron-LM's own assertion, at the first value (in its order) that differs.
   *
   * @param classValue the value the flags give, as Python prints it
   * @param checkpointValue the checkpoint's value, as Python prints it
   * @param name Megatron's name for the value ({@code learning rate}, {@code warmup iterations}, …)
   * @param flag the flag that sets it
   */
  public static Violation megatronRefuses(String path, String classValue, String checkpointValue, String name, String flag) {
    return MEGATRON_REFUSES.violation(path, checkpointValue, classValue, checkpointValue, name, flag);
  }

  /** @param reason why the config's plan cannot be written as Megatron-LM flags */
  public static Violation configNotMegatron(String path, String reason) {
    return CONFIG_NOT_MEGATRON.violation(path, null, reason);
  }

  /**
   * Which transformers versions' logging the logged lrs were read by.
   *
   * @param version the versions, e.g. {@code transformers 4.51 and later}
   * @param meaning which update the lr logged at a step belongs to
   */
  public static Violation loggedLrConvention(String path, String version, String meaning) {
    return LOGGED_LR_CONVENTION.violation(path, null, version, meaning);
  }

  /**
   * A plateau's standing, which the runtime's start step does not carry.
   *
   * @param initial the config's lr before any reduction
   */
  public static Violation plateauNotCarried(String path, double reached, double best, long bad, long cooldown, double initial) {
    return PLATEAU_NOT_CARRIED.violation(path, reached, reached, best, bad, cooldown, initial);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
