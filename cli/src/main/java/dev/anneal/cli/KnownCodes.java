package dev.anneal.cli;

import dev.anneal.checkpoint.CheckpointCode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.deepspeed.DeepSpeedCode;
import dev.anneal.config.megatron.MegatronCode;
import dev.anneal.config.pytorch.PyTorchCode;
import dev.anneal.config.takeover.TakeOverCode;
import dev.anneal.config.transformers.TransformersCode;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Severity;
import dev.anneal.runtime.RuntimeCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every diagnostic code the {@code anneal} command can print, by the id it prints in brackets: the
 * codes of each module it runs (the model's, the checkpoint policy's, every config format's, the
 * runtime's and its own). The annotation processor's codes are not among them: they only appear in
 * a compiler's output. {@code KnownCodesTest} keeps this list in step with docs/diagnostics.md.
 */
final class KnownCodes {
  /** The code enums, in the order docs/diagnostics.md lists them. */
  static final List<Class<? extends DiagnosticCode>> OWNERS = List.of(RuleCode.class, CheckpointCode.class, ConfigCode.class,
      DeepSpeedCode.class, PyTorchCode.class, TransformersCode.class, MegatronCode.class, RuntimeCode.class, CliCode.class,
      TakeOverCode.class);

  private static final Map<String, DiagnosticCode> BY_ID = byId();

  private KnownCodes() {}

  /** The code printed as {@code [id]}, matched exactly (ids are case-sensitive, as printed). */
  static Optional<DiagnosticCode> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The ids of every warning and note: the codes {@code --suppress} accepts. */
  static List<String> suppressible() {
    return BY_ID.values().stream().filter(code -> code.severity() != Severity.ERROR).map(DiagnosticCode::id).toList();
  }

  private static Map<String, DiagnosticCode> byId() {
    Map<String, DiagnosticCode> codes = new LinkedHashMap<>();
    for (Class<? extends DiagnosticCode> owner : OWNERS) {
      for (DiagnosticCode code : owner.getEnumConstants()) {
        codes.put(code.id(), code);
      }
    }
    return codes;
  }
}
