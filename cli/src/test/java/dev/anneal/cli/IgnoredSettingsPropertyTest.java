package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.KnownSetting;
import dev.anneal.config.KnownSettings;
import dev.anneal.config.deepspeed.DeepSpeedKeys;
import dev.anneal.config.transformers.TrainingArgumentsFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded: a setting drawn from the audit tables as having no effect, added to a config, is named on
 * standard error by {@code anneal curve}, which still prints the curve and exits 0.
 */
class IgnoredSettingsPropertyTest {
  private static final String DS_CONFIG = "{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.01}},"
      + " \"scheduler\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_min_lr\": 0.001, \"warmup_max_lr\": 0.01,"
      + " \"warmup_num_steps\": 10, \"warmup_type\": \"linear\"}}, %s}";

  // TrainingArgumentsFields.TABLE lists transformers 4's fields, so the config says it is transformers 4.
  private static final String TRAINING_ARGUMENTS = "{\"transformers_version\": \"4\", \"learning_rate\": 0.001, \"lr_scheduler_type\": \"constant_with_warmup\","
      + " \"warmup_steps\": 5, \"max_steps\": 100, %s}";

  @TempDir Path dir;

  static Stream<Long> seeds() {
    return LongStream.range(0, 25).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aDeepSpeedSectionWithoutEffectIsNamedByCurve(long seed) throws IOException {
    check(new Random(seed), DeepSpeedKeys.TOP_LEVEL, DS_CONFIG, "deepspeed");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aTrainingArgumentsFieldWithoutEffectIsNamedByCurve(long seed) throws IOException {
    check(new Random(seed), TrainingArgumentsFields.TABLE, TRAINING_ARGUMENTS, "transformers");
  }

  private void check(Random random, KnownSettings table, String template, String format) throws IOException {
    List<KnownSetting> noEffect = table.all().stream().filter(s -> s.effect() == KnownSetting.Effect.NO_EFFECT).toList();
    KnownSetting setting = noEffect.get(random.nextInt(noEffect.size()));
    String value = List.of("true", "8", "0.5", "\"auto\"", "{\"enabled\": true}").get(random.nextInt(5));
    Path file = Files.writeString(dir.resolve("config.json"), template.formatted("\"" + setting.key() + "\": " + value));

    Anneal.Result result = Anneal.run("curve", file.toString(), "--format", format, "--steps", "20");

    assertEquals(0, result.exitCode(), String.join("\n", result.err()));
    assertEquals(20, result.out().size());
    String line = file + ": [IgnoredSetting] " + setting.key() + ": ignored: " + setting.reason();
    assertTrue(result.err().contains(line), "expected on standard error: " + line + "\nbut was:\n" + String.join("\n", result.err()));
  }
}
