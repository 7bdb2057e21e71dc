package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity through DeepSpeed's command-line tuning arguments: every golden case whose scheduler
 * {@code get_config_from_args} can build (LRRangeTest, WarmupLR, OneCycle), written as the launch
 * command a tutorial shows, gives the ds_config's learning rate at every recorded step.
 */
class DeepSpeedArgsGoldenTest {
  /** The schedulers get_config_from_args builds; WarmupDecayLR and WarmupCosineLR fail in their constructors. */
  private static final List<String> FROM_ARGS = List.of("LRRangeTest", "WarmupLR", "OneCycle");

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("deepspeed").filter(golden -> FROM_ARGS.contains(golden.kind()));
  }

  /** The launch command for {@code golden}: its params as flags, one per line, after the training script's own. */
  static String commandLine(GoldenCase golden) {
    StringBuilder out = new StringBuilder("deepspeed --num_gpus 8 train.py --deepspeed --deepspeed_config ds_config.json \\\n");
    out.append("  --lr_schedule ").append(golden.kind());
    JsonNode params = golden.config().get("params");
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) params::fields) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.equals("cycle_momentum")) {
        continue; // get_config_from_args never copies it
      }
      if (value.isBoolean()) {
        if (value.booleanValue()) {
          out.append(" \\\n  --").append(key).append(" True"); // type=bool: any non-empty string is True
        }
        continue;
      }
      out.append(" \\\n  --").append(key).append(' ').append(value.asText());
    }
    if (golden.kind().equals("OneCycle") && !params.has("cycle_second_step_size")) {
      // The command line's default is -1, which OneCycle refuses: a launch that works names it.
      out.append(" \\\n  --cycle_second_step_size ").append(params.path("cycle_first_step_size").asLong(2000));
    }
    return out.append('\n').toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learningRateMatchesTheDsConfigsAtEveryStep(GoldenCase golden) {
    Imported imported = Formats.byName("deepspeed-args").read(commandLine(golden));

    assertEquals("deepspeed-args", imported.format());
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
  }
}
