package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train --config} applies the optimizer the config sets up, every setting as its
 * framework would (read back from train.csv, the values each update applied), refuses what Anneal
 * cannot apply, and names every setting that {@code --optimizer} replaces. Short runs on 40 rows.
 */
class TrainOptimizerTest {
  @TempDir Path dir;

  /** examples/ds_config.json, as the README shows it. */
  private static final String DS_CONFIG = """
      {
        "train_batch_size": 256,
        "optimizer": {"type": "AdamW", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "weight_decay": 0.1}},
        "scheduler": {
          "type": "WarmupDecayLR",
          "params": {"total_num_steps": 5000, "warmup_max_lr": 0.0006, "warmup_num_steps": 500}
        },
        "zero_optimization": {"stage": 2},
        "bf16": {"enabled": true}
      }
      """;

  /** The import warnings of {@link #DS_CONFIG}: upstream quirks of its scheduler, not of its optimizer. */
  private static List<String> dsConfigWarnings(Path config) {
    return List.of(
        config + ": [LogWarmupDefault] scheduler.params.warmup_type: log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(500));"
            + " add `warmup_type: linear` if you meant a straight ramp",
        config + ": [TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at"
            + " construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late",
        config + ": [FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0);"
            + " it changes nothing",
        // The sections the schedule does not use are named; the optimizer's settings are not: train applies them.
        config + ": [IgnoredSetting] train_batch_size: ignored: the scheduler steps once per optimizer update, whatever the batch size",
        config + ": [IgnoredSetting] zero_optimization: ignored: ZeRO partitioning does not change the schedule",
        config + ": [IgnoredSetting] bf16: ignored: bfloat16 training does not change the schedule");
  }

  private Anneal.Result train(Path config, String format, String... more) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--config", config.toString(), "--format", format,
        "--data", TrainData.separable(dir).toString(), "--target", "side", "--hidden", "8", "--batch-size", "8", "--out", dir.resolve("run").toString()));
    args.addAll(List.of(more));
    return Anneal.run(args.toArray(String[]::new));
  }

  /** Column {@code column} of every row of train.csv (1 lr, 2 momentum, 3 weight_decay). */
  private List<String> column(int column) throws IOException {
    return Files.readAllLines(dir.resolve("run").resolve("train.csv")).stream().skip(1).map(line -> line.split(",")[column]).toList();
  }

  /** The ds_config's WarmupDecayLR ends at update 5001 (its decay reaches 0 there); a short run stops in its warm-up. */
  private static String stopsEarly(int updates) {
    return "[RunStopsBeforeEnd] --steps: the run stops in phase 1 (log-warmup) at update " + updates
        + " of 5001, so the rest of the plan never runs; train the whole plan with --steps 5001 or --epochs 1251";
  }

  private static void assertRefused(Anneal.Result result, List<String> errLines) {
    assertEquals(errLines, result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void theDeepSpeedExampleTrainsWithItsAdamWBetasAndWeightDecay() throws IOException {
    Path config = Files.writeString(dir.resolve("ds_config.json"), DS_CONFIG);

    Anneal.Result result = train(config, "deepspeed", "--steps", "6");

    List<String> expected = new java.util.ArrayList<>(dsConfigWarnings(config));
    expected.add(stopsEarly(6));
    assertEquals(expected, result.err());
    assertEquals(0, result.exitCode());
    assertEquals(List.of(
        "model: MLP 2-8-2 (42 parameters), adamw, batch 8",
        "optimizer: the config's AdamW, as adamw: beta1 0.9, beta2 0.95, eps 1e-8, weight decay 0.1",
        "plan: " + config + " (deepspeed), channels lr; 6 updates, 4 per epoch",
        "length: 6 updates (--steps 6); the plan declares 5001; stops in phase 1 (log-warmup) at update 6 of 5001"), result.out().subList(1, 5));
    assertEquals(List.of("0.9", "0.9", "0.9", "0.9", "0.9", "0.9"), column(2), "beta1 at every update");
    assertEquals(List.of("0.1", "0.1", "0.1", "0.1", "0.1", "0.1"), column(3), "weight decay at every update");
  }

  @Test
  void aPyTorchSgdTrainsWithItsMomentumAndWeightDecayInPyTorchsForm() throws IOException {
    Path config = Files.writeString(dir.resolve("sgd.json"), """
        {"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.001},
         "scheduler": {"type": "StepLR", "kwargs": {"step_size": 3, "gamma": 0.5}}}
        """);

    Anneal.Result result = train(config, "pytorch", "--steps", "6");

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    assertEquals(List.of(
        "model: MLP 2-8-2 (42 parameters), sgd-pytorch, batch 8",
        "optimizer: the config's SGD, as sgd-pytorch: momentum 0.9, weight decay 0.001"), result.out().subList(1, 3));
    assertEquals(List.of("0.1", "0.1", "0.1", "0.05", "0.05", "0.05"), column(1), "StepLR halves the lr every 3 updates");
    assertEquals(List.of("0.9", "0.9", "0.9", "0.9", "0.9", "0.9"), column(2), "momentum at every update");
    assertEquals(List.of("0.001", "0.001", "0.001", "0.001", "0.001", "0.001"), column(3), "weight decay at every update");
  }

  @Test
  void trainingArgumentsTrainWithTheirBetasAndWeightDecay() throws IOException {
    Path config = Files.writeString(dir.resolve("args.json"), """
        {"learning_rate": 0.01, "lr_scheduler_type": "constant", "adam_beta1": 0.8, "weight_decay": 0.05}
        """);

    Anneal.Result result = train(config, "transformers", "--steps", "4");

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    assertEquals("optimizer: the config's adamw_torch (its format's default), as adamw: beta1 0.8, beta2 0.999, eps 1e-8,"
        + " weight decay 0.05 (none on biases)", result.out().get(2));
    assertEquals(List.of("0.8", "0.8", "0.8", "0.8"), column(2), "beta1 at every update");
    assertEquals(List.of("0.05", "0.05", "0.05", "0.05"), column(3), "the weights' weight decay at every update");
  }

  @Test
  void aMegatronSgdTrainsWithItsMomentumAndTheScheduledWeightDecay() throws IOException {
    Path config = Files.writeString(dir.resolve("train.sh"), """
        torchrun pretrain_gpt.py --lr 0.01 --min-lr 0.001 --lr-decay-style linear --train-iters 4 \\
          --optimizer sgd --sgd-momentum 0.8 --weight-decay 0.02
        """);

    Anneal.Result result = train(config, "megatron");

    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
    assertEquals(List.of(
        "model: MLP 2-8-2 (42 parameters), sgd-pytorch, batch 8",
        "optimizer: the config's sgd, as sgd-pytorch: momentum 0.8, weight decay from the plan (none on biases)",
        "plan: " + config + " (megatron), channels lr, weight_decay; 4 updates, 4 per epoch",
        "length: 4 updates, the plan's declared end; stops in phase 0 (linear) at update 4 of 4"), result.out().subList(1, 5));
    assertEquals(List.of("0.8", "0.8", "0.8", "0.8"), column(2), "momentum at every update");
    assertEquals(List.of("0.02", "0.02", "0.02", "0.02"), column(3), "the weights' weight decay at every update");
  }

  @Test
  void theOptimizerOptionReplacesTheConfigsAndNamesEverySettingItDrops() throws IOException {
    Path config = Files.writeString(dir.resolve("ds_config.json"), DS_CONFIG);

    Anneal.Result result = train(config, "deepspeed", "--steps", "4", "--optimizer", "sgd");

    List<String> expected = new java.util.ArrayList<>(dsConfigWarnings(config));
    expected.addAll(List.of(
        config + ": [IgnoredSetting] optimizer.type: ignored: --optimizer sgd replaces the config's AdamW",
        config + ": [IgnoredSetting] optimizer.params.betas[0]: ignored: --optimizer sgd replaces the config's AdamW; momentum 0 applies instead",
        config + ": [IgnoredSetting] optimizer.params.betas[1]: ignored: --optimizer sgd replaces the config's AdamW; SGD has no beta2",
        config + ": [IgnoredSetting] optimizer.params.weight_decay: ignored: --optimizer sgd replaces the config's AdamW;"
            + " weight decay 0 applies instead",
        stopsEarly(4)));
    assertEquals(expected, result.err());
    assertEquals(0, result.exitCode());
    assertEquals("model: MLP 2-8-2 (42 parameters), sgd, batch 8", result.out().get(1));
    assertEquals(List.of("0", "0", "0", "0"), column(2).stream().map(v -> v.replace(".0", "")).toList(), "momentum at every update");
    assertEquals(List.of("0", "0", "0", "0"), column(3).stream().map(v -> v.replace(".0", "")).toList(), "weight decay at every update");
  }

  @Test
  void whatAnnealCannotApplyIsRefusedWithTheSettingAndTheFix() throws IOException {
    String alternative = "or give --optimizer sgd-pytorch, adam or adamw to train with Anneal's own instead (it replaces the config's)";
    Path nesterov = Files.writeString(dir.resolve("nesterov.json"), """
        {"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9, "nesterov": true},
         "scheduler": {"type": "StepLR", "kwargs": {"step_size": 3}}}
        """);
    assertRefused(train(nesterov, "pytorch"), List.of(nesterov + ": [OptimizerNotApplied] optimizer.nesterov: anneal train cannot apply"
        + " nesterov (true): Anneal's SGD has no Nesterov momentum; set nesterov to false, " + alternative));

    Path amsgrad = Files.writeString(dir.resolve("amsgrad.json"), """
        {"optimizer": {"type": "Adam", "lr": 0.1, "amsgrad": true},
         "scheduler": {"type": "StepLR", "kwargs": {"step_size": 3}}}
        """);
    assertRefused(train(amsgrad, "pytorch"), List.of(amsgrad + ": [OptimizerNotApplied] optimizer.amsgrad: anneal train cannot apply"
        + " amsgrad (true): Anneal's Adam has no AMSGrad variant; set amsgrad to false, " + alternative));

    Path dampening = Files.writeString(dir.resolve("dampening.json"), """
        {"optimizer": {"type": "SGD", "params": {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "maximize": true, "foreach": true}}}
        """);
    assertRefused(train(dampening, "deepspeed"), List.of(
        dampening + ": [NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.1) on every update, unless your code"
            + " passes lr_scheduler to deepspeed.initialize",
        dampening + ": [OptimizerNotApplied] optimizer.params.dampening: anneal train cannot apply dampening (0.1): Anneal's SGD has no dampening"
            + " (torch adds (1 - dampening)·g to the momentum buffer); set dampening to 0, " + alternative,
        dampening + ": [OptimizerNotApplied] optimizer.params.maximize: anneal train cannot apply maximize (true): Anneal's SGD has no such"
            + " setting; remove it, " + alternative));

    Path lamb = Files.writeString(dir.resolve("lamb.json"), """
        {"optimizer": {"type": "Lamb", "params": {"lr": 0.1}}}
        """);
    assertRefused(train(lamb, "deepspeed"), List.of(
        lamb + ": [NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.1) on every update, unless your code"
            + " passes lr_scheduler to deepspeed.initialize",
        lamb + ": [OptimizerNotApplied] optimizer.type: anneal train cannot apply optimizer 'Lamb': Anneal's runtime has SGD, Adam and AdamW"
            + " only; give --optimizer sgd-pytorch, adam or adamw to train with one of those instead (it replaces the config's)"));

    Path adafactor = Files.writeString(dir.resolve("adafactor.json"), """
        {"learning_rate": 0.01, "lr_scheduler_type": "constant", "optim": "adafactor"}
        """);
    assertRefused(train(adafactor, "transformers"), List.of(adafactor + ": [OptimizerNotApplied] optim: anneal train cannot apply optimizer"
        + " 'adafactor': Anneal's runtime has SGD, Adam and AdamW only; give --optimizer sgd-pytorch, adam or adamw to train with one of"
        + " those instead (it replaces the config's)"));
  }

  @Test
  void aKernelChoiceChangesNothingAndIsNamed() throws IOException {
    Path config = Files.writeString(dir.resolve("foreach.json"), """
        {"optimizer": {"type": "AdamW", "params": {"lr": 0.01, "foreach": true}}}
        """);

    Anneal.Result result = train(config, "deepspeed", "--steps", "2");

    assertEquals(List.of(
        config + ": [NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (0.01) on every update, unless your code"
            + " passes lr_scheduler to deepspeed.initialize",
        config + ": [IgnoredSetting] optimizer.params.foreach: ignored: foreach chooses how torch computes the update, not the update"),
        result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void deepSpeedsAdamWithAdamWModeFalseIsAdamWithL2() throws IOException {
    Path config = Files.writeString(dir.resolve("adam.json"), """
        {"optimizer": {"type": "Adam", "params": {"lr": 0.01, "weight_decay": 0.01, "adam_w_mode": false}}}
        """);
    Path decoupled = Files.writeString(dir.resolve("adamw.json"), """
        {"optimizer": {"type": "Adam", "params": {"lr": 0.01, "weight_decay": 0.01}}}
        """);

    assertEquals("model: MLP 2-8-2 (42 parameters), adam, batch 8", train(config, "deepspeed", "--steps", "1").out().get(1));
    assertEquals("model: MLP 2-8-2 (42 parameters), adamw, batch 8", train(decoupled, "deepspeed", "--steps", "1").out().get(1));
  }
}
