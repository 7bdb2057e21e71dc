package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.JsonSettings;
import dev.anneal.config.OptimizerSettings;
import dev.anneal.config.UpstreamName;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code optimizer} object of a {@code pytorch} config: {@code {"type": "SGD"|"Adam"|"AdamW",
 * "lr": …, …}} with the keyword arguments of that {@code torch.optim} class (1.13) that can appear
 * in JSON. The schedulers read only the type, lr, momentum and betas ({@link PyTorchOptimizer});
 * every argument, those included, is also kept as the optimizer's settings ({@link #settings}) for
 * a training loop to apply.
 */
final class OptimizerReader {
  private static final List<String> TYPES = UpstreamName.names(PyTorchOptimizer.Type.class);

  /** PyTorch's default learning rate of Adam and AdamW (SGD has none). */
  private static final double ADAM_DEFAULT_LR = 1e-3;

  /** PyTorch's default eps of Adam and AdamW. */
  private static final double ADAM_DEFAULT_EPS = 1e-8;

  /** PyTorch's default weight decay of AdamW (Adam's and SGD's is 0). */
  private static final double ADAMW_DEFAULT_WEIGHT_DECAY = 0.01;

  private OptimizerReader() {}

  /** The optimizer, or {@code null} if it has errors (reported to the fields' problems). */
  static PyTorchOptimizer read(JsonFields fields) {
    int before = fields.problems().all().size();
    String typeName = fields.requireString("type");
    PyTorchOptimizer.Type type = typeName == null ? null : PyTorchOptimizer.Type.byTorchName(typeName);
    if (typeName != null && type == null) {
      fields.problems().add(ConfigCode.unknownType(fields.path("type"), "optimizer type", typeName, DidYouMean.hint(typeName, TYPES)));
    }
    if (type == null) {
      fields.allow("lr", "momentum", "dampening", "weight_decay", "nesterov", "betas", "eps", "amsgrad");
      fields.rejectUnknownKeys();
      return null;
    }
    PyTorchOptimizer optimizer = type == PyTorchOptimizer.Type.SGD ? sgd(fields) : adam(fields, type);
    fields.rejectUnknownKeys();
    return Reading.valuesReliable(fields.problems(), before) ? optimizer : null;
  }

  /**
   * Every setting of the optimizer {@code torch.optim} builds from {@code fields}, PyTorch's defaults
   * included; {@code optimizer} is what {@link #read} made of the same fields.
   */
  static OptimizerSettings settings(JsonFields fields, PyTorchOptimizer optimizer) {
    String name = optimizer.type().upstreamName();
    String at = fields.path("type");
    if (optimizer.type() == PyTorchOptimizer.Type.SGD) {
      return new OptimizerSettings(OptimizerSettings.Algorithm.SGD, name, at, new JsonSettings(fields)
          .number(OptimizerSettings.LR, "lr", optimizer.lr())
          .number(OptimizerSettings.MOMENTUM, "momentum", 0)
          .number(OptimizerSettings.DAMPENING, "dampening", 0)
          .number(OptimizerSettings.WEIGHT_DECAY, "weight_decay", 0)
          .flag(OptimizerSettings.NESTEROV, "nesterov", false)
          .settings());
    }
    OptimizerSettings.Algorithm algorithm =
        optimizer.type() == PyTorchOptimizer.Type.ADAMW ? OptimizerSettings.Algorithm.ADAMW : OptimizerSettings.Algorithm.ADAM;
    return new OptimizerSettings(algorithm, name, at, new JsonSettings(fields)
        .number(OptimizerSettings.LR, "lr", ADAM_DEFAULT_LR)
        .pair(OptimizerSettings.BETA1, OptimizerSettings.BETA2, "betas", PyTorchOptimizer.DEFAULT_BETA1, PyTorchOptimizer.DEFAULT_BETA2)
        .number(OptimizerSettings.EPS, "eps", ADAM_DEFAULT_EPS)
        .number(OptimizerSettings.WEIGHT_DECAY, "weight_decay", optimizer.type() == PyTorchOptimizer.Type.ADAMW ? ADAMW_DEFAULT_WEIGHT_DECAY : 0)
        .flag(OptimizerSettings.AMSGRAD, "amsgrad", false)
        .settings());
  }

  private static PyTorchOptimizer sgd(JsonFields fields) {
    double lr = fields.requireDouble("lr");
    double momentum = fields.optDouble("momentum", 0);
    double dampening = fields.optDouble("dampening", 0);
    double weightDecay = fields.optDouble("weight_decay", 0);
    boolean nesterov = fields.optBoolean("nesterov", false);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      fields.problems().add(ConfigCode.notImportable(fields.path("nesterov"), true, "PyTorch",
          "nesterov true needs momentum above 0 and dampening 0 (PyTorch raises ValueError), but momentum is "
              + Checks.show(momentum) + " and dampening " + Checks.show(dampening)));
    }
    return new PyTorchOptimizer(PyTorchOptimizer.Type.SGD, lr, momentum, PyTorchOptimizer.DEFAULT_BETA1, PyTorchOptimizer.DEFAULT_BETA2, weightDecay);
  }

  private static PyTorchOptimizer adam(JsonFields fields, PyTorchOptimizer.Type type) {
    double lr = fields.optDouble("lr", ADAM_DEFAULT_LR);
    double beta1 = PyTorchOptimizer.DEFAULT_BETA1;
    double beta2 = PyTorchOptimizer.DEFAULT_BETA2;
    if (fields.has("betas")) {
      JsonNode betas = fields.raw("betas");
      List<Double> values = fields.optDoubles("betas", List.of());
      if (betas.isArray() && values.size() != 2) {
        fields.problems().add(ConfigCode.wrongType(fields.path("betas"), values, "a list of two numbers [beta1, beta2]", "a list of " + values.size()));
      } else if (values.size() == 2) {
        beta1 = values.get(0);
        beta2 = values.get(1);
      }
    }
    List<Violation> found = new ArrayList<>();
    Rules.nonNegative(found, "eps", fields.optDouble("eps", ADAM_DEFAULT_EPS));
    found.forEach(v -> fields.problems().add(v.under(fields.path())));
    fields.optBoolean("amsgrad", false);
    double weightDecay = fields.optDouble("weight_decay", type == PyTorchOptimizer.Type.ADAMW ? ADAMW_DEFAULT_WEIGHT_DECAY : 0);
    return new PyTorchOptimizer(type, lr, 0, beta1, beta2, weightDecay);
  }
}
