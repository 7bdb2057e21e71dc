package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.anneal.schedule.Plan;
import org.junit.jupiter.api.Test;

/**
 * Sample-based training ({@code --train-samples}, {@code --global-batch-size}): Megatron evaluates
 * its formulas at {@code num_steps = iteration * batch}, so boundaries fall between iterations.
 * Expected values are Megatron's formulas worked by hand at each iteration.
 */
class MegatronSampleUnitsTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final double EXACT = 1e-15;

  private static double[] lr(String flags, int steps) {
    return FORMAT.read(flags).plan().lr().values(0, steps);
  }

  @Test
  void linearWithAWarmupAndADecayThatEndBetweenIterations() {
    // 4 samples an iteration; warm-up while num_steps <= 6: 0, 4/6; then (num_steps - 6) / (14 - 6) of the
    // decay: 8 -> 0.25 done, 12 -> 0.75 done; 16 > 14 -> min_lr.
    assertArrayEquals(new double[] {0, 4.0 / 6, 0.75, 0.25, 0, 0},
        lr("--lr 1 --train-samples 20 --global-batch-size 4 --lr-warmup-samples 6 --lr-decay-samples 14\n", 6), EXACT);
  }

  @Test
  void cosineWithADecayThatEndsBetweenIterations() {
    double half = 0.5 * (Math.cos(Math.PI * 0.4) + 1);
    double late = 0.5 * (Math.cos(Math.PI * 0.8) + 1);
    assertArrayEquals(new double[] {1, half, late, 0, 0},
        lr("--lr 1 --lr-decay-style cosine --train-samples 12 --global-batch-size 4 --lr-decay-samples 10\n", 5), EXACT);
  }

  @Test
  void wsdWithAnAnnealThatStartsBetweenIterations() {
    // The anneal covers num_steps 10..20: 12 -> 0.2 done, 16 -> 0.6 done, 20 -> done; 24 > 20 -> min_lr.
    assertArrayEquals(new double[] {1, 1, 1, 0.8, 0.4, 0, 0},
        lr("--lr 1 --lr-decay-style WSD --lr-wsd-decay-style linear --train-samples 24 --global-batch-size 4 --lr-decay-samples 20"
            + " --lr-wsd-decay-samples 10\n", 7), EXACT);
  }

  @Test
  void wsdExponentialInSamples() {
    double coefficient = 2 * Math.pow(0.5, 0.2) - 1;
    assertArrayEquals(new double[] {1, 1, 1, coefficient, 2 * Math.pow(0.5, 0.6) - 1, 0},
        lr("--lr 1 --lr-decay-style WSD --train-samples 24 --global-batch-size 4 --lr-decay-samples 20 --lr-wsd-decay-samples 10\n", 6),
        EXACT);
  }

  @Test
  void inverseSquareRootCountsSamples() {
    // After the warm-up (num_steps <= 6): sqrt(6) / sqrt(num_steps) until num_steps > 30, then min_lr.
    double[] expected = new double[10];
    expected[1] = 4.0 / 6;
    for (int i = 2; i <= 7; i++) {
      expected[i] = Math.sqrt(6) / Math.sqrt(4.0 * i);
    }
    assertArrayEquals(expected,
        lr("--lr 1 --lr-decay-style inverse-square-root --train-samples 40 --global-batch-size 4 --lr-warmup-samples 6"
            + " --lr-decay-samples 30\n", 10), EXACT);
  }

  @Test
  void inverseSquareRootWithoutWarmupStartsOneSampleIn() {
    // max(num_steps, 1): iteration 0 keeps the peak; iteration i has seen 512 * i samples.
    double[] expected = {1, 1 / Math.sqrt(512), 1 / Math.sqrt(1024), 1 / Math.sqrt(1536)};
    assertArrayEquals(expected, lr("--lr 1 --lr-decay-style inverse-square-root --train-iters 10 --global-batch-size 512\n", 4), EXACT);
  }

  @Test
  void aWeightDecayRampOverSamples() {
    // wd_incr_steps = 20 samples at 8 an iteration: 0, 8/20, 16/20 of the way, then end_wd.
    double[] wd = FORMAT.read("--lr 1 --train-samples 20 --global-batch-size 8 --weight-decay-incr-style linear --start-weight-decay 0"
        + " --end-weight-decay 0.1\n").plan().channel(Plan.WEIGHT_DECAY).values(0, 5);
    assertArrayEquals(new double[] {0, 0.04, 0.08, 0.1, 0.1}, wd, EXACT);
  }

  @Test
  void iterationFlagsWithABatchSizeGiveTheSameCurveAsWithout() {
    String flags = "--lr 1 --min-lr 0.1 --lr-decay-style cosine --lr-warmup-iters 10 --lr-decay-iters 90 --train-iters 100";
    assertArrayEquals(lr(flags + "\n", 110), lr(flags + " --global-batch-size 1536\n", 110), 0);
  }
}
