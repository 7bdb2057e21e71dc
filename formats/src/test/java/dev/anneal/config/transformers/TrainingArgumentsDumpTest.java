package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Imported;
import dev.anneal.config.KnownSetting;
import dev.anneal.config.KnownSettings;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole {@code TrainingArguments} dumps, field for field as {@code trainer.args.to_json_string()}
 * writes them ({@code training_args-4.json}: transformers 4.5x, bf16 cosine fine-tuning, warm-up
 * 100 of 1000 steps; {@code training_args-5.json}: the same run on transformers 5, its warm-up
 * written as {@code warmup_steps: 0.1}). Every field is accepted; the scheduler fields give the
 * schedule, every other non-null field one {@code IgnoredSetting} note.
 */
class TrainingArgumentsDumpTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode dump(String name) throws IOException {
    try (InputStream in = TrainingArgumentsDumpTest.class.getResourceAsStream(name)) {
      return (ObjectNode) MAPPER.readTree(in);
    }
  }

  /** The cosine's own quirks, the only diagnostics besides the notes. */
  private static final List<String> QUIRKS = List.of(
      "[FirstUpdateAtZero] warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at 0); it changes"
          + " nothing",
      "[RisesPastEnd] max_steps: past step 1000 the cosine formula rises again (upstream behaviour); stop training at the end or"
          + " clamp with HOLD");

  private static final Schedule EXPECTED = TransformersSchedules.cosineWithWarmup(2e-05, 100, 1000).schedule();

  @Test
  void aTransformers4DumpHasEveryFieldOfTheTable() throws IOException {
    List<String> keys = new ArrayList<>();
    dump("training_args-4.json").fieldNames().forEachRemaining(keys::add);
    assertEquals(TrainingArgumentsFields.TABLE.keys(), keys);
    List<String> v5 = new ArrayList<>();
    dump("training_args-5.json").fieldNames().forEachRemaining(v5::add);
    assertEquals(TrainingArgumentsFields.V5_TABLE.keys(), v5);
  }

  @Test
  void aTransformers4DumpReadsWithANoteForEveryFieldThatDoesNotChangeTheSchedule() throws IOException {
    ObjectNode config = dump("training_args-4.json");
    config.put(TransformersVersion.KEY, "4");

    Imported imported = new TransformersFormat().read(config.toString());

    assertSameCurve(imported.plan().lr());
    assertEquals(expectedNotes(config, TrainingArgumentsFields.TABLE), ignoredSettings(imported));
    assertEquals(QUIRKS, otherWarnings(imported));
  }

  @Test
  void aTransformers5DumpReadsAsTheSameRun() throws IOException {
    ObjectNode config = dump("training_args-5.json");

    Imported imported = new TransformersFormat().read(config.toString());

    assertSameCurve(imported.plan().lr());
    assertEquals(expectedNotes(config, TrainingArgumentsFields.V5_TABLE), ignoredSettings(imported));
    assertEquals(QUIRKS, otherWarnings(imported));
  }

  /**
   * Without {@code transformers_version} a transformers 4 dump is read as 5: each field 5 lacks is
   * warned with the version that has it, and 4's {@code "warmup_ratio": 0.0} replaces {@code
   * warmup_steps}, as transformers 5 itself would do with these arguments.
   */
  @Test
  void aTransformers4DumpReadAs5SaysWhy() throws IOException {
    Imported imported = new TransformersFormat().read(dump("training_args-4.json").toString());

    List<String> unknown = imported.warnings().stream()
        .filter(w -> w.code() == TransformersCode.UNKNOWN_FIELD).map(Violation::path).toList();
    assertTrue(unknown.containsAll(List.of("overwrite_output_dir", "per_gpu_train_batch_size", "use_ipex", "evaluation_strategy")),
        unknown.toString());
    assertTrue(imported.warnings().stream().anyMatch(w -> w.code() == TransformersCode.WARMUP_RATIO_REPLACES_STEPS));
    assertEquals(2e-05, imported.plan().lr().valueAt(0), "no warm-up: warmup_ratio 0.0 replaced warmup_steps 100");
  }

  private static void assertSameCurve(Schedule lr) {
    for (long step = 0; step <= 1100; step++) {
      assertEquals(EXPECTED.valueAt(step), lr.valueAt(step), "step " + step);
    }
  }

  /** The non-null fields the table marks as having no effect, in the dump's order. */
  private static List<String> expectedNotes(ObjectNode config, KnownSettings table) {
    List<String> notes = new ArrayList<>();
    config.fieldNames().forEachRemaining(key -> {
      boolean noEffect = table.find(key).map(s -> s.effect() == KnownSetting.Effect.NO_EFFECT).orElse(false);
      if (noEffect && !config.get(key).isNull()) {
        notes.add(key);
      }
    });
    notes.add(TrainingArgumentsFields.NUM_TRAIN_EPOCHS);
    return notes.stream().sorted().toList();
  }

  private static List<String> ignoredSettings(Imported imported) {
    return imported.warnings().stream().filter(w -> w.code() == ConfigCode.IGNORED_SETTING).map(Violation::path).sorted().toList();
  }

  private static List<String> otherWarnings(Imported imported) {
    return imported.warnings().stream().filter(w -> w.code() != ConfigCode.IGNORED_SETTING).map(Violation::toString).toList();
  }
}
