package dev.anneal.golden;

/**
 * One schedule stated in tokens with a batch-size ramp, written each way Anneal reads it, for the
 * differential tests that check every way gives the same per-update values (formats' {@code
 * TokenScheduleDifferentialTest}: Anneal JSON, the builder, Megatron flags; processor's {@code
 * TokenScheduleAnnotationDifferentialTest}: the annotations). GPT-3's shape (Brown et al. 2020,
 * Appendix B): a linear warm-up over the first 375M tokens, a cosine to 10 % of the peak over the
 * next 260B tokens, then 10 %, while the batch grows from 32k tokens to 3.2M tokens over the first
 * 12B tokens (the 175B model's end of the paper's 4–12B range), in five steps as Megatron's GPT-3
 * example writes it, for a 300B-token run. The reference is the Megatron-LM launch, whose
 * scheduler runs on consumed samples; the sequence length is 1,000 so that every token figure is
 * whole samples (at 2,048, 375M tokens are 183,105.47 samples, which Megatron's sample flags
 * cannot state).
 */
public final class TokenScheduleSources {
  /** Tokens per sample. */
  public static final long SEQUENCE_LENGTH = 1000;

  /** The batch ramp, as Megatron's {@code --step-batch-size-schedule} (thresholds in tokens). */
  public static final String BATCH_STEPS = "0:32 2.4B:640 4.8B:1280 7.2B:1920 9.6B:2560 12B:3200";

  /** The Megatron-LM launch: 32 GPUs, micro-batch 1, so every batch is a whole number of micro-batches of 32. */
  public static final String MEGATRON = "torchrun --nproc_per_node 8 --nnodes 4 pretrain_gpt.py \\\n"
      + "    --seq-length 1000 --micro-batch-size 1 \\\n"
      + "    --step-batch-size-schedule \"" + BATCH_STEPS + "\" \\\n"
      + "    --train-samples 300000000 \\\n"
      + "    --lr 6e-5 --min-lr 6e-6 --lr-decay-style cosine \\\n"
      + "    --lr-warmup-samples 375000 --lr-decay-samples 260375000\n";

  /** The same schedule in Anneal JSON, clocked in tokens. */
  public static final String ANNEAL_JSON = """
      {
        "geometry": {"sequence_length": 1000, "batch_steps": "%s"},
        "lr": {
          "clock": "tokens",
          "phases": [
            {"shape": "linear", "from": 0, "to": 6e-5, "steps": {"tokens": 375e6}},
            {"shape": "cosine", "from": 6e-5, "to": 6e-6, "steps": {"tokens": 260e9}},
            {"shape": "constant", "value": 6e-6, "steps": "forever"}
          ]
        }
      }
      """.formatted(BATCH_STEPS);

  /**
   * The updates of the 300M-sample run: the ramp's 12M samples take 75,000 iterations of 32, 3,750
   * of 640, 1,875 of 1,280, 1,250 of 1,920 and 938 of 2,560 (to 12,001,280 samples), then the rest
   * of the 300M samples 90,000 of 3,200 (the last overshooting by 1,280), as Megatron's {@code
   * update_train_iters} counts them.
   */
  public static final int ITERATIONS = 75_000 + 3_750 + 1_875 + 1_250 + 938 + 90_000;

  private TokenScheduleSources() {}
}
