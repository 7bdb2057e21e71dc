package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.OptimizerSettings.Algorithm;
import dev.anneal.config.OptimizerSettings.Decayed;
import dev.anneal.config.OptimizerSettings.Setting;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every format carries the optimizer its framework builds from a config: the algorithm and every
 * setting, written ones at their place and the framework's defaults where the config is silent.
 */
class OptimizerSettingsTest {
  private static OptimizerSettings read(String format, String text) {
    Optional<OptimizerSettings> optimizer = Formats.byName(format).read(text).optimizer();
    return optimizer.orElseThrow(() -> new AssertionError("no optimizer read"));
  }

  private static Setting written(String name, double value, String path, String shown) {
    return Setting.written(name, value, path, shown);
  }

  private static Setting byDefault(String name, double value) {
    return Setting.byDefault(name, value);
  }

  /** A ds_config with no scheduler block: DeepSpeed keeps the optimizer's lr. */
  private static String deepSpeed(String optimizer) {
    return "{\"optimizer\": " + optimizer + "}";
  }

  @Test
  void deepSpeedsAdamWKeepsEveryParamAndFusedAdamsDefaults() {
    OptimizerSettings adamW = read("deepspeed", deepSpeed("{\"type\": \"AdamW\", \"params\": {\"lr\": 0.0006, \"betas\": [0.9, 0.95], \"weight_decay\": 0.1}}"));

    assertEquals(new OptimizerSettings(Algorithm.ADAMW, "AdamW", "optimizer.type", List.of(
        written("lr", 0.0006, "optimizer.params.lr", "6e-4"),
        written("beta1", 0.9, "optimizer.params.betas[0]", "0.9"),
        written("beta2", 0.95, "optimizer.params.betas[1]", "0.95"),
        // FusedAdam's defaults: eps 1e-8, weight decay 0, no AMSGrad, bias correction on.
        byDefault("eps", 1e-8),
        written("weight_decay", 0.1, "optimizer.params.weight_decay", "0.1"),
        byDefault("amsgrad", 0),
        byDefault("bias_correction", 1))), adamW);
  }

  @Test
  void deepSpeedsAdamIsAdamWUnlessAdamWModeIsFalse() {
    assertEquals(Algorithm.ADAMW, read("deepspeed", deepSpeed("{\"type\": \"Adam\", \"params\": {\"lr\": 0.1, \"weight_decay\": 0.01}}")).algorithm());
    assertEquals(Algorithm.ADAM,
        read("deepspeed", deepSpeed("{\"type\": \"Adam\", \"params\": {\"lr\": 0.1, \"adam_w_mode\": false}}")).algorithm());
    // The type AdamW forces decoupled decay whatever adam_w_mode says (effective_adam_w_mode).
    assertEquals(Algorithm.ADAMW,
        read("deepspeed", deepSpeed("{\"type\": \"AdamW\", \"params\": {\"lr\": 0.1, \"adam_w_mode\": false}}")).algorithm());
  }

  @Test
  void deepSpeedsTorchAdamTakesTorchsDefaults() {
    OptimizerSettings torchAdamW = read("deepspeed", deepSpeed("{\"type\": \"AdamW\", \"params\": {\"lr\": 0.1, \"torch_adam\": true}}"));

    // torch.optim.AdamW: weight decay 0.01 by default, and no bias_correction argument.
    assertEquals(Optional.of(byDefault("weight_decay", 0.01)), torchAdamW.setting("weight_decay"));
    assertEquals(Optional.empty(), torchAdamW.setting("bias_correction"));
  }

  @Test
  void deepSpeedsSgdAndOtherOptimizersKeepWhatTheyWrite() {
    OptimizerSettings sgd = read("deepspeed", deepSpeed("{\"type\": \"SGD\", \"params\": {\"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true}}"));
    OptimizerSettings lamb = read("deepspeed", deepSpeed("{\"type\": \"Lamb\", \"params\": {\"lr\": 0.1, \"max_coeff\": 0.3}}"));

    assertEquals(new OptimizerSettings(Algorithm.SGD, "SGD", "optimizer.type", List.of(
        written("lr", 0.1, "optimizer.params.lr", "0.1"),
        written("momentum", 0.9, "optimizer.params.momentum", "0.9"),
        byDefault("dampening", 0),
        byDefault("weight_decay", 0),
        written("nesterov", 1, "optimizer.params.nesterov", "true"))), sgd);
    assertEquals(new OptimizerSettings(Algorithm.OTHER, "Lamb", "optimizer.type", List.of(
        written("lr", 0.1, "optimizer.params.lr", "0.1"),
        written("max_coeff", 0.3, "optimizer.params.max_coeff", "0.3"))), lamb);
  }

  @Test
  void aDeepSpeedConfigWithoutAnOptimizerBlockLeavesItToTheUsersCode() {
    String config = "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {\"warmup_max_lr\": 0.1, \"warmup_num_steps\": 10, \"warmup_type\": \"linear\"}}}";

    assertEquals(Optional.empty(), Formats.byName("deepspeed").read(config).optimizer());
  }

  @Test
  void pyTorchsOptimizerKeepsEveryKeywordArgument() {
    String sgd = "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9, \"dampening\": 0.1},"
        + " \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}}";
    String adamW = "{\"optimizer\": {\"type\": \"AdamW\", \"lr\": 0.001, \"betas\": [0.8, 0.99], \"amsgrad\": true},"
        + " \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}}";

    assertEquals(new OptimizerSettings(Algorithm.SGD, "SGD", "optimizer.type", List.of(
        written("lr", 0.1, "optimizer.lr", "0.1"),
        written("momentum", 0.9, "optimizer.momentum", "0.9"),
        written("dampening", 0.1, "optimizer.dampening", "0.1"),
        byDefault("weight_decay", 0),
        byDefault("nesterov", 0))), read("pytorch", sgd));
    assertEquals(new OptimizerSettings(Algorithm.ADAMW, "AdamW", "optimizer.type", List.of(
        written("lr", 0.001, "optimizer.lr", "0.001"),
        written("beta1", 0.8, "optimizer.betas[0]", "0.8"),
        written("beta2", 0.99, "optimizer.betas[1]", "0.99"),
        byDefault("eps", 1e-8),
        // torch.optim.AdamW's default weight decay.
        byDefault("weight_decay", 0.01),
        written("amsgrad", 1, "optimizer.amsgrad", "true"))), read("pytorch", adamW));
  }

  @Test
  void trainingArgumentsNameAnAdamWThatLeavesBiasesUndecayed() {
    String config = "{\"learning_rate\": 0.001, \"lr_scheduler_type\": \"constant\", \"adam_beta2\": 0.95, \"weight_decay\": 0.1}";

    assertEquals(new OptimizerSettings(Algorithm.ADAMW, "adamw_torch", null, List.of(
        byDefault("beta1", 0.9),
        written("beta2", 0.95, "adam_beta2", "0.95"),
        byDefault("eps", 1e-8),
        written("weight_decay", 0.1, "weight_decay", "0.1")), Decayed.WEIGHTS_ONLY), read("transformers", config));
  }

  @Test
  void trainingArgumentsWithSgdIgnoreTheAdamFieldsAndSaySo() {
    String config = "{\"learning_rate\": 0.001, \"lr_scheduler_type\": \"constant\", \"optim\": \"sgd\", \"adam_beta1\": 0.8}";

    Imported imported = Formats.byName("transformers").read(config);

    assertEquals(Optional.of(new OptimizerSettings(Algorithm.SGD, "sgd", "optim", List.of(byDefault("weight_decay", 0)), Decayed.WEIGHTS_ONLY)),
        imported.optimizer());
    assertEquals(List.of("[IgnoredSetting] adam_beta1: ignored: Trainer passes adam_beta1 only to the AdamW optimizers, not to optim 'sgd'"),
        imported.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void trainingArgumentsBetasAreCheckedAsTorchChecksThem() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Formats.byName("transformers").read("{\"learning_rate\": 0.001, \"lr_scheduler_type\": \"constant\", \"adam_beta1\": 1.0}"));

    assertEquals(List.of("[OutOfRange] adam_beta1: adam_beta1 (1) must lie in [0, 1) (torch raises ValueError: Invalid beta parameter)"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void megatronsOptimizerFlagsAndDefaults() {
    String sgd = "--lr 0.01 --train-iters 100 --optimizer sgd \\\n  --sgd-momentum 0.8 --weight-decay 0.02\n";
    String adam = "--lr 0.01 --train-iters 100 --adam-beta2=0.95\n";

    assertEquals(new OptimizerSettings(Algorithm.SGD, "sgd", "--optimizer (line 1)", List.of(
        written("momentum", 0.8, "--sgd-momentum (line 2)", "--sgd-momentum 0.8"),
        written("weight_decay", 0.02, "--weight-decay (line 2)", "--weight-decay 0.02")), Decayed.WEIGHTS_ONLY), read("megatron", sgd));
    // Megatron's Adam is a fused Adam in AdamW mode; --weight-decay defaults to 0.01.
    assertEquals(new OptimizerSettings(Algorithm.ADAMW, "adam", null, List.of(
        byDefault("beta1", 0.9),
        written("beta2", 0.95, "--adam-beta2 (line 1)", "--adam-beta2 0.95"),
        byDefault("eps", 1e-8),
        byDefault("weight_decay", 0.01)), Decayed.WEIGHTS_ONLY), read("megatron", adam));
  }

  @Test
  void aMegatronOptimizerFlagThatIsNotANumberIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Formats.byName("megatron").read("--lr 0.01 --train-iters 100 --adam-beta1 high\n"));

    assertEquals(List.of("[MegatronFlagType] --adam-beta1 (line 1): --adam-beta1 takes a finite number, found 'high'; write a number such as 0.9"),
        e.violations().stream().map(Violation::toString).toList());
  }
}
