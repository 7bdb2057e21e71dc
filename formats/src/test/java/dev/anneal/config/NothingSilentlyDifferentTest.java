package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.deepspeed.DeepSpeedKeys;
import dev.anneal.config.transformers.TrainingArgumentsFields;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Nothing silently different", as a property: a random valid config of each JSON format, with one
 * extra setting that upstream knows (drawn from the audit tables) added, either reads to a different
 * output (another curve, other warnings, or another optimizer for {@code anneal train}), or names
 * the setting at its JSON path, among the warnings or among the errors that refuse it. Seeded, so a failure names the seed that reproduces it.
 */
class NothingSilentlyDifferentTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int STEPS = 3000;
  private static final int TRIALS = 150;

  static Stream<Long> seeds() {
    return LongStream.range(0, TRIALS).boxed();
  }

  /** A base config and the same config with one setting added at {@code path}. */
  private record Trial(String format, ObjectNode base, ObjectNode extended, String path) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anExtraDeepSpeedSettingChangesTheOutputOrIsNamed(long seed) {
    check(deepSpeed(new Random(seed)), seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anExtraTrainingArgumentsFieldChangesTheOutputOrIsNamed(long seed) {
    check(transformers(new Random(seed)), seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anExtraPyTorchArgumentChangesTheOutputOrIsNamed(long seed) {
    check(pytorch(new Random(seed)), seed);
  }

  // ---- DeepSpeed -------------------------------------------------------------------------------

  private static Trial deepSpeed(Random random) {
    ObjectNode base = NODES.objectNode();
    boolean adam = random.nextBoolean();
    ObjectNode optimizer = base.putObject("optimizer");
    optimizer.put("type", adam ? "AdamW" : "SGD");
    ObjectNode optimizerParams = optimizer.putObject("params");
    optimizerParams.put("lr", pick(random, 1e-3, 3e-4, 0.1));
    String type = pick(random, "WarmupLR", "WarmupDecayLR", "WarmupCosineLR", "OneCycle", "LRRangeTest");
    ObjectNode scheduler = base.putObject("scheduler");
    scheduler.put("type", type);
    ObjectNode params = scheduler.putObject("params");
    long warmup = 2 + random.nextInt(300);
    switch (type) {
      case "WarmupLR" -> params.put("warmup_min_lr", 0.0).put("warmup_max_lr", 1e-3).put("warmup_num_steps", warmup);
      case "WarmupDecayLR" -> params.put("warmup_min_lr", 0.0).put("warmup_max_lr", 1e-3).put("warmup_num_steps", warmup)
          .put("total_num_steps", warmup + 1 + random.nextInt(2000));
      case "WarmupCosineLR" -> params.put("warmup_num_steps", warmup).put("total_num_steps", warmup + 1 + random.nextInt(2000));
      case "OneCycle" -> params.put("cycle_min_lr", 1e-4).put("cycle_max_lr", 1e-3).put("cycle_first_step_size", warmup)
          .put("cycle_momentum", false);
      case "LRRangeTest" -> params.put("lr_range_test_min_lr", 1e-4).put("lr_range_test_step_size", warmup);
      default -> throw new IllegalStateException(type);
    }
    ObjectNode extended = base.deepCopy();
    int where = random.nextInt(3);
    if (where == 0) {
      String key = absent(random, DeepSpeedKeys.TOP_LEVEL.keys(), extended);
      extended.set(key, anyValue(random));
      return new Trial("deepspeed", base, extended, key);
    }
    if (where == 1) {
      ObjectNode target = (ObjectNode) extended.get("optimizer").get("params");
      String key = absent(random, DeepSpeedKeys.OPTIMIZER_PARAMS.keys(), target);
      boolean optimizerSetting = DeepSpeedKeys.OPTIMIZER_PARAMS.find(key).orElseThrow().effect() == KnownSetting.Effect.OPTIMIZER;
      target.set(key, optimizerSetting ? optimizerValue(key) : anyValue(random));
      return new Trial("deepspeed", base, extended, "optimizer.params." + key);
    }
    ObjectNode target = (ObjectNode) extended.get("scheduler").get("params");
    String key = absent(random, DeepSpeedKeys.schedulerParams(type).keys(), target);
    target.set(key, modelledValue(random, key));
    return new Trial("deepspeed", base, extended, "scheduler.params." + key);
  }

  /**
   * A valid value for a setting the optimizer's reader reads, other than its default: such a setting
   * changes the optimizer anneal train builds, which is output too.
   */
  private static JsonNode optimizerValue(String key) {
    return switch (key) {
      case "torch_adam", "amsgrad", "nesterov" -> NODES.booleanNode(true);
      case "adam_w_mode", "bias_correction" -> NODES.booleanNode(false);
      case "betas" -> NODES.arrayNode().add(0.8).add(0.99);
      case "momentum" -> NODES.numberNode(0.9);
      case "eps" -> NODES.numberNode(1e-6);
      default -> NODES.numberNode(0.05);
    };
  }

  /** A value for a scheduler argument that differs from its constructor default. */
  private static JsonNode modelledValue(Random random, String key) {
    return switch (key) {
      case "warmup_type" -> NODES.textNode("linear");
      case "cycle_momentum" -> NODES.booleanNode(false);
      case "lr_range_test_staircase" -> NODES.booleanNode(true);
      case "last_batch_iteration" -> NODES.numberNode(random.nextInt(50));
      default -> key.endsWith("_steps") || key.endsWith("_size") || key.endsWith("_count")
          ? NODES.numberNode(3 + random.nextInt(500))
          : NODES.numberNode(0.0123 + random.nextInt(40) / 1000.0);
    };
  }

  // ---- transformers ----------------------------------------------------------------------------

  private static Trial transformers(Random random) {
    ObjectNode base = NODES.objectNode();
    base.put("learning_rate", pick(random, 5e-5, 2e-5, 1e-3));
    base.put("lr_scheduler_type", pick(random, "linear", "cosine", "constant_with_warmup", "polynomial", "cosine_with_restarts"));
    base.put("warmup_steps", random.nextInt(200));
    base.put("max_steps", 300 + random.nextInt(2000));
    ObjectNode extended = base.deepCopy();
    String key = absent(random, TrainingArgumentsFields.TABLE.keys(), extended);
    extended.set(key, switch (key) {
      case "lr_scheduler_kwargs" -> base.get("lr_scheduler_type").asText().equals("polynomial")
          ? NODES.objectNode().put("power", 2.0) : NODES.objectNode().put("num_cycles", 2);
      case "warmup_ratio" -> NODES.numberNode(0.05 + random.nextInt(20) / 100.0);
      default -> anyValue(random);
    });
    return new Trial("transformers", base, extended, key);
  }

  // ---- PyTorch ---------------------------------------------------------------------------------

  private static final List<String> TORCH_OPTIMIZER_ARGUMENTS = List.of("momentum", "weight_decay", "dampening", "nesterov", "betas", "eps",
      "amsgrad");

  private static Trial pytorch(Random random) {
    ObjectNode base = NODES.objectNode();
    boolean sgd = random.nextBoolean();
    base.putObject("optimizer").put("type", sgd ? "SGD" : "AdamW").put("lr", pick(random, 0.1, 1e-3));
    ObjectNode scheduler = base.putObject("scheduler");
    String type = pick(random, "StepLR", "CosineAnnealingLR", "ExponentialLR", "LinearLR");
    scheduler.put("type", type);
    ObjectNode kwargs = scheduler.putObject("kwargs");
    switch (type) {
      case "StepLR" -> kwargs.put("step_size", 1 + random.nextInt(500));
      case "CosineAnnealingLR" -> kwargs.put("T_max", 1 + random.nextInt(2000));
      case "ExponentialLR" -> kwargs.put("gamma", 0.999);
      case "LinearLR" -> kwargs.put("total_iters", 1 + random.nextInt(500));
      default -> throw new IllegalStateException(type);
    }
    ObjectNode extended = base.deepCopy();
    ObjectNode optimizer = (ObjectNode) extended.get("optimizer");
    List<String> fits = sgd ? List.of("momentum", "weight_decay", "dampening", "nesterov") : List.of("betas", "eps", "amsgrad", "weight_decay");
    String key = absent(random, fits, optimizer);
    JsonNode value = switch (key) {
      case "nesterov", "amsgrad" -> NODES.booleanNode(true);
      case "betas" -> NODES.arrayNode().add(0.8).add(0.99);
      case "momentum" -> NODES.numberNode(0.9);
      default -> NODES.numberNode(0.001 + random.nextInt(10) / 1000.0);
    };
    if (key.equals("nesterov")) {
      optimizer.put("momentum", 0.9); // torch refuses nesterov without momentum: the pair is the setting
    }
    optimizer.set(key, value);
    assertTrue(TORCH_OPTIMIZER_ARGUMENTS.contains(key));
    return new Trial("pytorch", base, extended, "optimizer." + key);
  }

  // ---- the property ----------------------------------------------------------------------------

  private static void check(Trial trial, long seed) {
    ConfigFormat format = Formats.byName(trial.format());
    Imported base = format.read(trial.base().toString());
    String where = trial.format() + " seed " + seed + ", " + trial.path() + " added to " + trial.base();
    Imported extended;
    try {
      extended = format.read(trial.extended().toString());
    } catch (InvalidScheduleException refused) {
      assertTrue(refused.violations().stream().anyMatch(v -> names(v, trial.path())),
          where + ": refused without naming the setting: " + refused.violations());
      return;
    }
    // The config's optimizer is output too: anneal train applies each of its settings or refuses it.
    if (!samePlan(base.plan(), extended.plan()) || !base.warnings().equals(extended.warnings())
        || !base.optimizer().equals(extended.optimizer())) {
      return;
    }
    if (extended.warnings().stream().noneMatch(v -> names(v, trial.path()))) {
      fail(where + ": the same output, and the setting is not named: " + extended.warnings());
    }
  }

  private static boolean names(Violation violation, String path) {
    String at = violation.path();
    return at.equals(path) || at.startsWith(path + ".") || at.startsWith(path + "[");
  }

  private static boolean samePlan(Plan a, Plan b) {
    if (!a.channels().keySet().equals(b.channels().keySet())) {
      return false;
    }
    for (String channel : a.channels().keySet()) {
      if (!Arrays.equals(a.channel(channel).values(0, STEPS), b.channel(channel).values(0, STEPS))) {
        return false;
      }
    }
    return true;
  }

  // ---- generators ------------------------------------------------------------------------------

  /** A key of {@code keys} that {@code object} does not hold yet. */
  private static String absent(Random random, List<String> keys, ObjectNode object) {
    List<String> free = new ArrayList<>(keys.stream().filter(key -> !object.has(key)).toList());
    return free.get(random.nextInt(free.size()));
  }

  /** Any JSON value a user might give a setting: Anneal must account for the key whatever the value. */
  private static JsonNode anyValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.booleanNode(random.nextBoolean());
      case 1 -> NODES.numberNode(random.nextInt(64));
      case 2 -> NODES.numberNode(0.5 + random.nextInt(100) / 7.0);
      case 3 -> NODES.textNode("auto");
      case 4 -> NODES.objectNode().put("enabled", true);
      default -> NODES.arrayNode().add(1).add(2);
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
