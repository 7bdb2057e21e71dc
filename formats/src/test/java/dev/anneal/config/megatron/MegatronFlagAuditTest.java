package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.megatron.FlagAudit.Disposition;
import dev.anneal.config.megatron.UpstreamFlags.Upstream;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit of Megatron-LM's flags ({@link FlagAudit}) covers every flag of the learning-rate,
 * regularization, training and checkpointing groups of Megatron's parser, does with each what it
 * says, and is the table of {@code docs/audit/megatron-flags.md} (regenerate the table with {@code
 * -Dmegatron.audit.update=true} after changing the code).
 */
class MegatronFlagAuditTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final Path DOC = Path.of("..", "docs", "audit", "megatron-flags.md");
  private static final String BEGIN = "<!-- BEGIN generated from FlagAudit by MegatronFlagAuditTest -->\n";
  private static final String END = "<!-- END generated -->\n";

  @Test
  void theParserListIsMegatronsAtTheGoldenCommit() {
    // Spot checks read by hand in megatron/training/arguments.py and config/training_config.py at d98e8a64dd.
    assertEquals(new Upstream("--lr", "learning rate and weight decay", "1"), UpstreamFlags.of("--lr").orElseThrow());
    assertEquals(new Upstream("--clip-grad", "regularization", "1"), UpstreamFlags.of("--clip-grad").orElseThrow());
    assertEquals(new Upstream("--rampup-batch-size", "training", "3"), UpstreamFlags.of("--rampup-batch-size").orElseThrow());
    assertEquals(new Upstream("--override-opt-param-scheduler", "learning rate and weight decay", "0"),
        UpstreamFlags.of("--override-opt-param-scheduler").orElseThrow());
    assertEquals(new Upstream("--no-load-optim", "checkpointing", "0"), UpstreamFlags.of("--no-load-optim").orElseThrow());
    assertEquals(new Upstream("--seq-length", "data and dataloader", "1"), UpstreamFlags.of("--seq-length").orElseThrow());
    assertTrue(UpstreamFlags.of("--lr-decay-tokens").isEmpty(), "Megatron has no --lr-decay-tokens");
    assertTrue(UpstreamFlags.of("--nproc_per_node").isEmpty(), "a torchrun flag");
    assertEquals(927, UpstreamFlags.all().size());
  }

  @Test
  void everyFlagOfTheAuditedGroupsIsDecidedOnceAndNothingElseIs() {
    Set<String> audited = UpstreamFlags.all().stream().filter(Upstream::audited).map(Upstream::flag).collect(Collectors.toCollection(TreeSet::new));
    Set<String> decided = FlagAudit.entries().stream().map(FlagAudit.Entry::flag).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(audited, decided);
    assertEquals(161, FlagAudit.entries().size());
  }

  @Test
  void theModelledFlagsAreExactlyTheFlagsAnnealReads() {
    Set<String> modelled = FlagAudit.entries().stream().filter(e -> e.disposition() == Disposition.MODELLED).map(FlagAudit.Entry::flag)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(MegatronFlag.names()), modelled);
  }

  @Test
  void theOptimizerFlagsAreExactlyTheFlagsTheOptimizerReaderReadsAndGetNoNote() {
    Set<String> optimizer = FlagAudit.entries().stream().filter(e -> e.disposition() == Disposition.OPTIMIZER).map(FlagAudit.Entry::flag)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(MegatronOptimizer.flags()), optimizer);
    String script = "--lr 3e-4 --lr-warmup-init 1e-6 --train-iters 100 \\\n  --optimizer sgd --sgd-momentum 0.8 --adam-beta1 0.8 --adam-beta2 0.9 --adam-eps 1e-6\n";
    assertEquals(List.of(), FORMAT.read(script).warnings());
    OptimizerSettings sgd = FORMAT.read(script).optimizer().orElseThrow();
    assertEquals(OptimizerSettings.Algorithm.SGD, sgd.algorithm());
    assertEquals(0.8, sgd.setting(OptimizerSettings.MOMENTUM).orElseThrow().value());
  }

  @Test
  void everyIgnoredFlagIsNamedOnceWithItsReason() {
    for (FlagAudit.Entry entry : FlagAudit.entries()) {
      if (entry.disposition() != Disposition.IGNORED) {
        continue;
      }
      String script = "--lr 3e-4 --lr-warmup-init 1e-6 --train-iters 100 \\\n  " + entry.flag() + values(entry.flag()) + "\n";
      List<String> warnings = FORMAT.read(script).warnings().stream().map(Violation::toString).toList();
      assertEquals(List.of("[IgnoredSetting] " + entry.flag() + " (line 2): ignored: " + entry.reason()), warnings, entry.flag());
    }
  }

  @Test
  void everyRefusedFlagIsAnErrorAtItsLine() {
    for (FlagAudit.Entry entry : FlagAudit.entries()) {
      if (entry.disposition() != Disposition.REFUSED) {
        continue;
      }
      String script = "--lr 3e-4 --train-iters 100 \\\n  " + entry.flag() + values(entry.flag()) + "\n";
      InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(script), entry.flag());
      assertEquals(1, e.violations().size(), entry.flag());
      assertEquals(entry.flag() + " (line 2)", e.violations().get(0).path(), entry.flag());
    }
  }

  @Test
  void theDocsTableIsTheCodeTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertTrue(begin >= 0 && end > begin, DOC + " has no generated table");
    String generated = doc.substring(0, begin + BEGIN.length()) + table() + doc.substring(end);
    if (Boolean.getBoolean("megatron.audit.update")) {
      Path temporary = Files.createTempFile(DOC.getParent(), "megatron-flags", ".md");
      Files.writeString(temporary, generated, StandardCharsets.UTF_8);
      Files.move(temporary, DOC, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    assertEquals(generated, doc, "docs/audit/megatron-flags.md differs from FlagAudit; run with -Dmegatron.audit.update=true");
  }

  /** Values of the right count for the flag: none for a switch, else 1s (the audit never reads them). */
  private static String values(String flag) {
    String arity = UpstreamFlags.of(flag).orElseThrow().arity();
    return switch (arity) {
      case "0" -> "";
      case "1", "?", "*", "+" -> " 1";
      default -> " 1".repeat(Integer.parseInt(arity));
    };
  }

  private static String table() {
    StringBuilder out = new StringBuilder();
    for (String group : UpstreamFlags.AUDITED_GROUPS) {
      out.append("\n### ").append(group).append("\n\n| flag | Anneal | why |\n| --- | --- | --- |\n");
      for (FlagAudit.Entry entry : FlagAudit.entries()) {
        if (UpstreamFlags.of(entry.flag()).orElseThrow().group().equals(group)) {
          out.append("| `").append(entry.flag()).append("` | ").append(entry.disposition().name().toLowerCase(java.util.Locale.ROOT))
              .append(" | ").append(entry.reason()).append(" |\n");
        }
      }
    }
    return out.append('\n').toString();
  }
}
