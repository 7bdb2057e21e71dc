package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Launch scripts as people write them: continuations, comments, bash arrays, quotes, {@code
 * --flag=value}, and all the flags that have nothing to do with the schedule. Each is checked
 * against Megatron's own curve for the GPT-3 golden case (cosine 6e-4 to 6e-5, warm-up 200, decay
 * 4000, train 5000).
 */
class MegatronLaunchScriptTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final GoldenCase GPT3 = GoldenCase.named("megatron", "gpt3-cosine");
  private static final String FIRST_UPDATE =
      "[FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  private static void assertGpt3(Imported imported) {
    GoldenAssert.assertCurve("gpt3-cosine lr", GPT3.lr(), imported.plan().lr().values(0, GPT3.steps()));
    assertEquals(0.1, imported.plan().channel(Plan.WEIGHT_DECAY).valueAt(GPT3.steps() - 1));
  }

  private static List<String> warnings(Imported imported) {
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  @Test
  void aWholeLaunchScriptWithArraysCommentsAndOtherFlags() {
    String script = """
        #!/bin/bash
        # GPT-3 1.3B on 8 GPUs
        export CUDA_DEVICE_MAX_CONNECTIONS=1
        GPT_ARGS=(
            --num-layers 24            # model shape: not the schedule's business
            --hidden-size 2048
            --num-attention-heads 16
            --seq-length 2048 --max-position-embeddings 2048
            --micro-batch-size 4
            --lr=6e-4                  # peak
            --min-lr 6e-5
            --bf16
            --use-flash-attn
        )
        torchrun --nproc_per_node 8 pretrain_gpt.py "${GPT_ARGS[@]}" \\
            --lr-decay-style cosine \\
            --lr-warmup-iters 200 --lr-decay-iters 4000 \\
            --train-iters 5000 \\
            --weight-decay 0.1 --clip-grad 1.0 \\
            --wandb-exp-name run#3 \\
            --data-path /data/pile_text_document --split 949,50,1
        """;
    Imported imported = FORMAT.read(script);
    assertGpt3(imported);
    assertEquals(
        List.of(
            "[IgnoredSetting] --micro-batch-size (line 9): ignored: splits each global batch into micro-batches; the scheduler advances by"
                + " the whole global batch",
            "[IgnoredSetting] --use-flash-attn (line 13): ignored: a memory or speed setting; the schedule is the same",
            "[IgnoredSetting] --clip-grad (line 19): ignored: clips the gradients, not the learning rate",
            "[IgnoredSetting] --num-layers, --hidden-size, --num-attention-heads, --seq-length, --max-position-embeddings, --bf16,"
                + " --wandb-exp-name, --data-path, --split: ignored: not schedule settings (Megatron-LM's transformer configuration, data and"
                + " dataloader, network size and logging flags)",
            "[IgnoredSetting] --nproc_per_node: ignored: not flags of Megatron-LM's parser (at d98e8a6), so taken to be the launcher's or the"
                + " training script's own; Megatron itself stops on a flag it does not know",
            FIRST_UPDATE),
        warnings(imported));
  }

  @Test
  void flagsCollectedInAStringVariable() {
    String script = """
        TRAINING_PARAMS=""
        TRAINING_PARAMS+=" --lr 0.0006 --min-lr 0.00006"
        TRAINING_PARAMS+=" --lr-decay-style cosine --lr-warmup-iters 200"
        TRAINING_PARAMS+=" --lr-decay-iters 4000 --train-iters 5000 --weight-decay 0.1"
        python pretrain_gpt.py ${TRAINING_PARAMS}
        """;
    assertGpt3(FORMAT.read(script));
  }

  @Test
  void quotedValuesAndEqualsSigns() {
    String script = "'--lr' '6e-4' --min-lr=\"6e-5\" --lr-decay-style=cosine --lr-warmup-iters=200 \\\n"
        + "--lr-decay-iters \"4000\" --train-iters=5000 --weight-decay=0.1\n";
    assertGpt3(FORMAT.read(script));
  }

  @Test
  void aPlainFileOfFlagsOnePerLine() {
    String flags = """
        --lr 6e-4
        --min-lr 6e-5
        --lr-decay-style cosine
        --lr-warmup-iters 200
        --lr-decay-iters 4000
        --train-iters 5000
        --weight-decay 0.1
        """;
    assertGpt3(FORMAT.read(flags));
  }

  @Test
  void anArgumentListFromCode() {
    Imported imported = FORMAT.readArguments(List.of(
        "--lr", "6e-4", "--min-lr=6e-5", "--lr-decay-style", "cosine", "--lr-warmup-iters", "200",
        "--lr-decay-iters", "4000", "--train-iters", "5000", "--weight-decay", "0.1", "--bf16"));
    assertGpt3(imported);
  }

  @Test
  void pythonNumberSpellingsAreAccepted() {
    String flags = "--lr 6E-4 --min-lr .00006 --lr-decay-style cosine --lr-warmup-iters +200 --lr-decay-iters 4_000 --train-iters 5000"
        + " --weight-decay 1e-1\n";
    assertGpt3(FORMAT.read(flags));
  }

  @Test
  void aRealisticTrainingScriptNamesEveryFlagItDoesNotModelAndNothingElse() {
    String script = """
        torchrun pretrain_gpt.py \\
          --tensor-model-parallel-size 2 --pipeline-model-parallel-size 2 --sequence-parallel \\
          --num-layers 32 --hidden-size 4096 --ffn-hidden-size 11008 --num-attention-heads 32 \\
          --group-query-attention --num-query-groups 8 --seq-length 4096 --max-position-embeddings 4096 \\
          --position-embedding-type rope --rotary-base 500000 --normalization RMSNorm --swiglu \\
          --untie-embeddings-and-output-weights --disable-bias-linear \\
          --attention-dropout 0.0 --hidden-dropout 0.0 --init-method-std 0.02 \\
          --micro-batch-size 1 --global-batch-size 1024 --train-iters 5000 \\
          --lr 6e-4 --min-lr 6e-5 --lr-decay-style cosine --lr-warmup-iters 200 --lr-decay-iters 4000 \\
          --decoupled-lr 1e-4 --decoupled-min-lr 1e-5 \\
          --weight-decay 0.1 --adam-beta1 0.9 --adam-beta2 0.95 --adam-eps 1e-8 --clip-grad 1.0 \\
          --optimizer adam --sgd-momentum 0.9 --loss-scale 1 --initial-loss-scale 65536 --min-loss-scale 1 \\
          --bf16 --use-distributed-optimizer --overlap-grad-reduce --overlap-param-gather \\
          --recompute-granularity selective --recompute-method uniform --recompute-num-layers 1 \\
          --eval-iters 10 --eval-interval 1000 --save-interval 1000 --log-interval 10 \\
          --exit-interval 100000 --exit-duration-in-mins 230 \\
          --override-opt_param-scheduler --use-checkpoint-opt_param-scheduler \\
          --save /ckpt --load /ckpt --ckpt-format torch_dist --no-load-optim --no-load-rng --finetune \\
          --data-path /data/a /data/b --split 99,1,0 --num-workers 8 --seed 1234 \\
          --tokenizer-type HuggingFaceTokenizer --tokenizer-model meta-llama/Llama-2-7b \\
          --train-data-path /data/train --valid-data-path /data/valid \\
          --tensorboard-dir /tb --log-throughput --wandb-project gpt --wandb-exp-name base \\
          --distributed-backend nccl --distributed-timeout-minutes 60 --transformer-impl transformer_engine
        """;
    Imported imported = FORMAT.read(script);
    GoldenAssert.assertCurve("gpt3-cosine lr", GPT3.lr(), imported.plan().lr().values(0, GPT3.steps()));
    String resumePolicy = ": ignored: decides, only when resuming, whether these flags or the checkpoint's scheduler state win; the curve is"
        + " the one these flags define (anneal resume-check STATE CONFIG applies it to a checkpoint's state)";
    String save = ": ignored: how and when checkpoints are written; the schedule is the same";
    String load = ": ignored: decides what a run restores from a checkpoint (the scheduler's step among it); the curve is that of a run"
        + " from iteration 0";
    String exit = ": ignored: ends the run early; the values up to there are the same";
    assertEquals(
        List.of(
            "[IgnoredSetting] --micro-batch-size (line 8): ignored: splits each global batch into micro-batches; the scheduler advances by"
                + " the whole global batch",
            "[IgnoredSetting] --decoupled-lr (line 10): ignored: the embedding and output layers follow the same schedule with this peak"
                + " instead of --lr; the curve is that of the other parameters",
            "[IgnoredSetting] --decoupled-min-lr (line 10): ignored: the embedding and output layers follow the same schedule with this"
                + " floor instead of --min-lr; the curve is that of the other parameters",
            "[IgnoredSetting] --clip-grad (line 11): ignored: clips the gradients, not the learning rate",
            "[IgnoredSetting] --save-interval (line 15)" + save,
            "[IgnoredSetting] --exit-interval (line 16)" + exit,
            "[IgnoredSetting] --exit-duration-in-mins (line 16)" + exit,
            "[IgnoredSetting] --override-opt_param-scheduler (line 17)" + resumePolicy,
            "[IgnoredSetting] --use-checkpoint-opt_param-scheduler (line 17)" + resumePolicy,
            "[IgnoredSetting] --save (line 18)" + save,
            "[IgnoredSetting] --load (line 18)" + load,
            "[IgnoredSetting] --ckpt-format (line 18)" + save,
            "[IgnoredSetting] --no-load-optim (line 18)" + load,
            "[IgnoredSetting] --no-load-rng (line 18)" + load,
            "[IgnoredSetting] --finetune (line 18)" + load,
            "[IgnoredSetting] --tensor-model-parallel-size, --pipeline-model-parallel-size, --sequence-parallel, --num-layers, --hidden-size,"
                + " --ffn-hidden-size, --num-attention-heads, --group-query-attention, --num-query-groups, --seq-length,"
                + " --max-position-embeddings, --position-embedding-type, --rotary-base, --normalization, --swiglu,"
                + " --untie-embeddings-and-output-weights, --disable-bias-linear, --attention-dropout, --hidden-dropout, --init-method-std,"
                + " --loss-scale, --initial-loss-scale, --min-loss-scale, --bf16, --use-distributed-optimizer, --overlap-grad-reduce,"
                + " --overlap-param-gather, --recompute-granularity, --recompute-method, --recompute-num-layers, --eval-iters,"
                + " --eval-interval, --log-interval, --data-path, --split, --num-workers, --seed, --tokenizer-type, --tokenizer-model,"
                + " --train-data-path, --valid-data-path, --tensorboard-dir, --log-throughput, --wandb-project, --wandb-exp-name,"
                + " --distributed-backend, --distributed-timeout-minutes, --transformer-impl: ignored: not schedule settings (Megatron-LM's"
                + " transformer configuration, network size, data and dataloader, mixed precision, distributed init, validation, logging,"
                + " RNG and initialization and tokenizer flags)",
            FIRST_UPDATE),
        warnings(imported));
  }

  @Test
  void wordsKeepTheirLines() {
    assertEquals(
        List.of(new Token("--lr", "line 2"), new Token("3e-4", "line 3"), new Token("--train-iters", "line 4"), new Token("10", "line 4")),
        LaunchScript.words("# header\n--lr \\\n  3e-4 # peak\n  --train-iters 10\n"));
  }

  @Test
  void windowsLineEndsContinueLinesToo() {
    assertEquals(
        List.of(new Token("--lr", "line 1"), new Token("3e-4", "line 2"), new Token("--train-iters", "line 3"), new Token("10", "line 3")),
        LaunchScript.words("--lr \\\r\n  3e-4\r\n--train-iters 10\r\n"));
  }

  @Test
  void aCommandSubstitutionStaysOneWord() {
    assertEquals(
        List.of(new Token("--lr-wsd-decay-iters", "line 1"), new Token("$((TRAIN_ITERS / 10))", "line 1")),
        LaunchScript.words("--lr-wsd-decay-iters $((TRAIN_ITERS / 10))\n"));
  }
}
