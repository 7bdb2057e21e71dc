package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.anneal.processor.Compile.type;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * {@code @CheckedConfig}: config resources read during the build (from the test class path, where
 * {@code src/test/resources/configs} lies), their errors and warnings reported on the annotation.
 */
class CheckedConfigTest {
  @Test
  void aValidConfigCompilesWithOnlyTheFormatsWarningsAndNotes() {
    Compilation compilation = Compile.compile(type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"configs/ds_config.json\")"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    // A setting the schedule does not use is a compiler note, so that a -Werror build of a faithful config passes.
    assertThat(Compile.diagnostics(compilation)).containsExactly(PRINTED_VALID, PRINTED_VALID_NOTE).inOrder();
  }

  @Test
  void aMisspelledKeyFailsTheBuildOnTheResourceValue() {
    Compilation compilation = Compile.compile(type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"configs/ds_config_typo.json\")"));
    assertThat(Compile.diagnostics(compilation)).containsExactly(PRINTED_TYPO).inOrder();
  }

  @Test
  void aFaithfulConfigPassesAWerrorBuild() {
    // Its only diagnostics are DeepSpeed's own quirks and a setting the schedule does not use: notes, which -Werror lets pass.
    Compilation compilation = Compile.compileWithWerror(type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"configs/ds_config_log.json\")"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(Compile.diagnostics(compilation)).containsExactly(PRINTED_LOG_DEFAULT, PRINTED_LOG_TWO_UPDATES).inOrder();
  }

  @Test
  void aFormatsNoteIsACompilerNoteAndCanBeSuppressed() {
    String annotation = "@CheckedConfig(format = \"deepspeed\", resource = \"configs/ds_config_log.json\")";
    assertThat(Compile.diagnostics(Compile.compile(type("Training", annotation)))).containsExactly(PRINTED_LOG_DEFAULT, PRINTED_LOG_TWO_UPDATES).inOrder();
    assertThat(Compile.diagnostics(Compile.compile(type("Training", "@SuppressWarnings(\"anneal:LogWarmupDefault\")\n" + annotation))))
        .containsExactly(PRINTED_LOG_TWO_UPDATES.replace(":8:", ":9:")); // the annotation moved down a line
    assertThat(Compile.diagnostics(Compile.compile(type("Training", "@SuppressWarnings(\"anneal\")\n" + annotation)))).isEmpty();
  }

  @Test
  void aFormatsWarningFailsAWerrorBuildUnlessSuppressed() {
    String annotation = "@CheckedConfig(format = \"deepspeed\", resource = \"configs/ds_config_warmup_one.json\")";
    Compilation strict = Compile.compileWithWerror(type("Training", annotation));
    assertThat(strict.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(Compile.diagnostics(strict)).contains(PRINTED_RAISED_TO_TWO);
    Compilation suppressed = Compile.compileWithWerror(type("Training", "@SuppressWarnings(\"anneal:WarmupRaisedToTwo\")\n" + annotation));
    assertThat(suppressed.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(Compile.diagnostics(suppressed)).containsExactly(PRINTED_ONE_TWO_UPDATES.replace(":8:", ":9:"));
  }

  @Test
  void anUnknownFormatIsReportedOnTheFormatValue() {
    Compilation compilation = Compile.compile(type("Training", "@CheckedConfig(format = \"deepspeeed\", resource = \"configs/ds_config.json\")"));
    assertThat(Compile.diagnostics(compilation)).containsExactly(PRINTED_FORMAT);
  }

  @Test
  void aMissingResourceIsReportedOnTheResourceValueWithWhereTheProcessorLooks() {
    Compilation compilation = Compile.compile(type("Training", "@CheckedConfig(format = \"deepspeed\", resource = \"configs/nowhere.json\")"));
    assertThat(Compile.diagnostics(compilation)).containsExactly(PRINTED_MISSING);
  }

  @Test
  void repeatedAnnotationsAreEachChecked() {
    Compilation compilation = Compile.compile(type("Training", """
        @CheckedConfig(format = "deepspeed", resource = "configs/ds_config.json")
        @CheckedConfig(format = "deepspeed", resource = "configs/nowhere.json")"""));
    // javac places diagnostics on a value of an implicit container at the type itself (line 10).
    assertThat(Compile.diagnostics(compilation)).containsExactly(
        PRINTED_VALID.replace(":8:", ":10:"), PRINTED_VALID_NOTE.replace(":8:", ":10:"), PRINTED_MISSING.replace(":8:", ":10:")).inOrder();
  }

  @Test
  void aTransformersNoteOfThePlanPrintsOnceAtTheKeyThatCausesIt() {
    // The format reports FirstUpdateAtZero at warmup_steps; the plan's own copy (no config path) is not printed again.
    Compilation compilation = Compile.compile(type("Training", "@CheckedConfig(format = \"transformers\", resource = \"configs/hf_warmup.json\")"));
    assertThat(Compile.diagnostics(compilation)).containsExactly(
        "Training.java:8: NOTE [IgnoredSetting] configs/hf_warmup.json: output_dir: ignored: it does not change the schedule",
        "Training.java:8: NOTE [FirstUpdateAtZero] configs/hf_warmup.json: warmup_steps: the first update uses a learning rate of 0 (the linear"
            + " warm-up starts at 0); it changes nothing").inOrder();
  }

  static final String PRINTED_VALID = "Training.java:8: NOTE [TwoUpdatesAtWarmupMin] configs/ds_config.json: scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (1.0E-6): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late";
  static final String PRINTED_LOG_DEFAULT = "Training.java:8: NOTE [LogWarmupDefault] configs/ds_config_log.json: scheduler.params.warmup_type: log"
      + " warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(1000)); add `warmup_type: linear` if you meant a straight ramp";
  static final String PRINTED_LOG_TWO_UPDATES = "Training.java:8: NOTE [TwoUpdatesAtWarmupMin] configs/ds_config_log.json: scheduler.params.warmup_min_lr:"
      + " the first two updates use warmup_min_lr (1.0E-6): DeepSpeed sets it at construction and its formula gives it again for iteration 0"
      + " after the first step, so the whole curve runs one update late";
  static final String PRINTED_RAISED_TO_TWO = "Training.java:8: WARNING [WarmupRaisedToTwo] configs/ds_config_warmup_one.json:"
      + " scheduler.params.warmup_num_steps: warmup_num_steps 1 is raised to 2 by DeepSpeed (its warm-up divides by ln(warmup_num_steps));"
      + " write 2 to say what runs";
  static final String PRINTED_ONE_TWO_UPDATES = PRINTED_LOG_TWO_UPDATES.replace("ds_config_log.json", "ds_config_warmup_one.json");
  static final String PRINTED_VALID_NOTE = "Training.java:8: NOTE [IgnoredSetting] configs/ds_config.json: train_batch_size: ignored: the"
      + " scheduler steps once per optimizer update, whatever the batch size";
  static final String PRINTED_TYPO = "Training.java:8: ERROR [UnknownKey] configs/ds_config_typo.json: scheduler.params.warmup_num_step: unknown key"
      + " 'warmup_num_step' for WarmupLR; did you mean `warmup_num_steps`? (DeepSpeed fails on it with a TypeError)";
  static final String PRINTED_FORMAT = "Training.java:8: ERROR [UnknownType] format: unknown format 'deepspeeed'; did you mean `deepspeed`?";
  static final String PRINTED_MISSING = "Training.java:8: ERROR [UnreadableFile] resource: cannot read configs/nowhere.json: no such resource on"
      + " the class path or the source path; the processor reads it through the Filer, relative to the roots of the class path (where Maven and"
      + " Gradle copy src/main/resources before compiling) and of the source path: put the file at src/main/resources/configs/nowhere.json or"
      + " correct the path";
}
