package dev.anneal.config.deepspeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.config.TrainerArguments;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ds_config with its {@code "auto"} values filled from a Trainer run's {@link TrainerArguments},
 * as transformers' DeepSpeed integration fills them before DeepSpeed sees the config ({@code
 * HfTrainerDeepSpeedConfig.trainer_config_process} then {@code trainer_config_finalize}, {@code
 * transformers/integrations/deepspeed.py}). Each key it knows is handled as upstream's {@code
 * fill_match}: {@code "auto"} becomes the Trainer's value; any other value (not {@code null}) must
 * equal it, as Python's {@code !=} compares, or upstream raises {@code ValueError}, here an error per
 * key ({@code TrainerMismatch}). {@code scheduler.params.warmup_min_lr} is only filled (with 0),
 * never checked. The integration leaves every other {@code "auto"}: one in the optimizer's or the
 * scheduler's params stays an error when the config is read ({@code AutoValue}); one elsewhere is
 * named in an {@code AutoNotFilled} warning (the ZeRO bucket sizes, for instance, come from the
 * model's hidden size).
 */
public final class TrainerAutoFill {
  /**
   * The filled config.
   *
   * @param config the whole ds_config, in its own key order, with the values filled
   * @param warnings the {@code "auto"} values left, outside the blocks the schedule reads
   */
  public record Filled(ObjectNode config, List<Violation> warnings) {
    public Filled {
      warnings = List.copyOf(warnings);
    }

    /** The config as JSON text, indented as Anneal writes a ds_config, ending in a newline. */
    public String text() {
      try {
        return Json.MAPPER.writer(DeepSpeedWriter.PRINTER).writeValueAsString(config) + "\n";
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a parsed tree always prints", e);
      }
    }
  }

  /** The keys {@code trainer_config_finalize} fills from the model's hidden size. */
  private static final Set<String> HIDDEN_SIZE_KEYS = Set.of("zero_optimization.reduce_bucket_size",
      "zero_optimization.stage3_prefetch_bucket_size", "zero_optimization.stage3_param_persistence_threshold");

  private static final String WORLD_SIZE_FORMULA = "world_size × per_device_train_batch_size × gradient_accumulation_steps";

  private final ObjectNode root;
  private final List<Violation> errors = new ArrayList<>();

  private TrainerAutoFill(ObjectNode root) {
    this.root = root;
  }

  /**
   * {@code configText} filled from {@code arguments}.
   *
   * @throws InvalidScheduleException if the text is no JSON object, or with a {@code TrainerMismatch}
   *     for each value that differs from the Trainer's, or a {@code TrainerFigureMissing} where the
   *     arguments lack the world size {@code train_batch_size} needs
   */
  public static Filled fill(String configText, TrainerArguments arguments) {
    JsonNode parsed = Json.parse(configText);
    if (!parsed.isObject()) {
      throw new InvalidScheduleException(ConfigCode.wrongType("", parsed.toString(), "a ds_config (a JSON object)", parsed.getNodeType().toString()));
    }
    TrainerAutoFill fill = new TrainerAutoFill(((ObjectNode) parsed).deepCopy());
    fill.process(arguments);
    fill.finalizeSteps(arguments);
    InvalidScheduleException.throwIfErrors(fill.errors);
    List<Violation> warnings = new ArrayList<>();
    fill.autoLeft(fill.root, "", warnings);
    return new Filled(fill.root, warnings);
  }

  /** {@code trainer_config_process}: the batch figures, clipping, the optimizer, the warm-up bounds, the precision. */
  private void process(TrainerArguments arguments) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    match("train_micro_batch_size_per_gpu", nodes.numberNode(arguments.perDeviceTrainBatchSize()), "per_device_train_batch_size");
    match("gradient_accumulation_steps", nodes.numberNode(arguments.gradientAccumulationSteps()), "gradient_accumulation_steps");
    if (arguments.trainBatchSize().isPresent()) {
      match("train_batch_size", nodes.numberNode(arguments.trainBatchSize().getAsLong()), "train_batch_size (calculated)");
    } else {
      JsonNode given = node("train_batch_size");
      if (given != null && !given.isNull()) {
        errors.add(DeepSpeedCode.trainerFigureMissing("train_batch_size", "train_batch_size", given.toString(), WORLD_SIZE_FORMULA,
            TrainerArguments.WORLD_SIZE, "the number of processes the run is launched on, 1 on a single device"));
      }
    }
    match("gradient_clipping", nodes.numberNode(arguments.maxGradNorm()), "max_grad_norm");
    match("optimizer.params.lr", nodes.numberNode(arguments.learningRate()), "learning_rate");
    match("optimizer.params.betas", nodes.arrayNode().add(arguments.adamBeta1()).add(arguments.adamBeta2()), "adam_beta1+adam_beta2");
    match("optimizer.params.eps", nodes.numberNode(arguments.adamEpsilon()), "adam_epsilon");
    match("optimizer.params.weight_decay", nodes.numberNode(arguments.weightDecay()), "weight_decay");
    fillOnly("scheduler.params.warmup_min_lr", nodes.numberNode(0));
    match("scheduler.params.warmup_max_lr", nodes.numberNode(arguments.learningRate()), "learning_rate");
    match("fp16.enabled", nodes.booleanNode(arguments.fp16()), "fp16|fp16_full_eval");
    match("bf16.enabled", nodes.booleanNode(arguments.bf16()), "bf16|bf16_full_eval");
  }

  /** {@code trainer_config_finalize}: the run's length and its warm-up, once the number of updates is known. */
  private void finalizeSteps(TrainerArguments arguments) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    match("scheduler.params.total_num_steps", nodes.numberNode(arguments.trainingSteps()), "num_training_steps (calculated)");
    match("scheduler.params.warmup_num_steps", nodes.numberNode(arguments.warmupSteps()), "warmup_steps");
  }

  /** {@code fill_match}: "auto" becomes {@code value}; another value that is not null must equal it. */
  private void match(String key, JsonNode value, String argument) {
    ObjectNode parent = parent(key);
    String name = leaf(key);
    if (parent == null || !parent.has(name)) {
      return;
    }
    JsonNode given = parent.get(name);
    if (isAuto(given)) {
      parent.set(name, value);
    } else if (!given.isNull() && !equalInPython(given, value)) {
      errors.add(DeepSpeedCode.trainerMismatch(key, key, given.toString(), argument, value.toString()));
    }
  }

  /** {@code fill_only}: "auto" becomes {@code value}; another value stays, unchecked. */
  private void fillOnly(String key, JsonNode value) {
    ObjectNode parent = parent(key);
    if (parent != null && isAuto(parent.get(leaf(key)))) {
      parent.set(leaf(key), value);
    }
  }

  /** The object that holds {@code key}'s last part, as {@code find_config_node} walks it; {@code null} if a part is missing. */
  private ObjectNode parent(String key) {
    JsonNode node = root;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.get(parts[i]);
      if (node == null || !node.isObject()) {
        return null;
      }
    }
    return (ObjectNode) node;
  }

  private JsonNode node(String key) {
    ObjectNode parent = parent(key);
    return parent == null ? null : parent.get(leaf(key));
  }

  private static String leaf(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private static boolean isAuto(JsonNode node) {
    return node != null && node.isTextual() && node.textValue().equals(AutoValues.AUTO);
  }

  /** Python's {@code ==} on JSON values: numbers and booleans by value ({@code True == 1}), lists element by element. */
  static boolean equalInPython(JsonNode a, JsonNode b) {
    if ((a.isNumber() || a.isBoolean()) && (b.isNumber() || b.isBoolean())) {
      return number(a).compareTo(number(b)) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equalInPython(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static BigDecimal number(JsonNode node) {
    if (node.isBoolean()) {
      return node.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    // Python compares an int with a float exactly; doubles are exact binary fractions, so BigDecimal of each is exact.
    return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : new BigDecimal(node.doubleValue());
  }

  /** Every "auto" left outside the optimizer's and scheduler's params (where reading the config refuses it). */
  private void autoLeft(JsonNode node, String path, List<Violation> warnings) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isAuto(field.getValue()) && !at.startsWith("optimizer.params.") && !at.startsWith("scheduler.params.")) {
          warnings.add(DeepSpeedCode.autoNotFilled(at, at, HIDDEN_SIZE_KEYS.contains(at)
              ? "the transformers integration fills it from the model's hidden size, which the TrainingArguments do not hold"
              : "the transformers integration does not fill it from the TrainingArguments"));
        } else {
          autoLeft(field.getValue(), at, warnings);
        }
      }
    }
  }
}
