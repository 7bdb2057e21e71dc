package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Megatron-LM's own example launch scripts ({@code src/test/resources/megatron-examples}, reduced
 * from {@code examples/} at d98e8a6), read as bash runs them, shell variables and all: each reads
 * without an error and gives Megatron's curve. The expected values are Megatron's {@code get_lr}
 * ({@link MegatronReference}) for the flags the script hands Megatron once bash has expanded it,
 * written out here by hand, and boundaries worked out by hand from those flags.
 */
class MegatronExamplesTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();

  private static String script(String name) {
    try (InputStream in = MegatronExamplesTest.class.getResourceAsStream("/megatron-examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the script; asserts that it reads and gives {@code get_lr} for {@code flags} at each of {@code iterations}. */
  private static Schedule assertMegatronsCurve(String name, Map<String, String> flags, long... iterations) {
    Imported imported = FORMAT.read(script(name));
    Object[] converted = MegatronReference.convert(flags);
    MegatronReference.Kwargs kwargs = (MegatronReference.Kwargs) converted[0];
    long increment = (Long) converted[1];
    Schedule lr = imported.plan().lr();
    for (long i : iterations) {
      double expected = MegatronReference.lr(kwargs, i * increment);
      assertTrue(GoldenAssert.close(expected, lr.valueAt(i)), name + " iteration " + i + ": expected " + expected + ", got " + lr.valueAt(i));
    }
    return lr;
  }

  @Test
  void gpt3IsRefusedAsMegatronRefusesIt() {
    // The script gives --step-batch-size-schedule and --global-batch-size; validate_args raises
    // ValueError('Cannot specify both --step-batch-size-schedule and --global-batch-size').
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(script("gpt3-175b.sh")));
    List<String> errors = e.violations().stream().map(Violation::toString).toList();
    assertTrue(errors.contains("[MegatronFlagConflict] --global-batch-size (line 24): --global-batch-size cannot be combined with"
        + " --step-batch-size-schedule: Megatron raises 'Cannot specify both --step-batch-size-schedule and --global-batch-size'; keep one"
        + " of them"), errors.toString());
  }

  @Test
  void llama3() {
    // --global-batch-size $GLOBAL_BATCH_SIZE (128); samples: warm-up 3906252 = 30517.59 iterations,
    // decay 1949218748 = 15228271.47 iterations.
    Map<String, String> flags = Map.of("--global-batch-size", "128", "--train-samples", "1953125000", "--lr-decay-samples", "1949218748",
        "--lr-warmup-samples", "3906252", "--lr", "0.00015", "--min-lr", "0.00001", "--lr-decay-style", "cosine", "--weight-decay", "0.1");
    Schedule lr = assertMegatronsCurve("llama3-8b-fp8.sh", flags, 0, 1, 30517, 30518, 7_000_000, 15_228_271, 15_228_272, 15_258_788);
    assertEquals(0.00015 * (30517.0 * 128) / 3906252, lr.valueAt(30517));
    assertEquals(0.00001, lr.valueAt(15_228_272));
  }

  @Test
  void bert() {
    // Warm-up: 0.01 of 990000 * 32 samples = 316800 = 9900 iterations; linear to 1e-5 at 990000.
    Map<String, String> flags = Map.of("--global-batch-size", "32", "--train-iters", "1000000", "--lr", "0.0001", "--lr-decay-iters",
        "990000", "--lr-decay-style", "linear", "--min-lr", "1.0e-5", "--weight-decay", "1e-2", "--lr-warmup-fraction", ".01");
    Schedule lr = assertMegatronsCurve("bert-340m.sh", flags, 0, 4950, 9899, 9900, 9901, 500_000, 989_999, 990_000, 990_001, 999_999);
    assertEquals(0.00005, lr.valueAt(4950));
    assertEquals(0.0001, lr.valueAt(9900));
    assertEquals(1.0e-5, lr.valueAt(990_000));
  }

  @Test
  void mixtral() {
    Map<String, String> flags = Map.of("--global-batch-size", "256", "--lr", "1e-4", "--train-iters", "500000", "--lr-decay-iters", "320000",
        "--lr-decay-style", "cosine", "--min-lr", "1.0e-5", "--weight-decay", "0.1", "--lr-warmup-iters", "500");
    Schedule lr = assertMegatronsCurve("mixtral-8x7b.sh", flags, 0, 250, 500, 501, 160_250, 319_999, 320_000, 320_001, 499_999);
    assertEquals(5e-5, lr.valueAt(250));
    assertEquals(1e-4, lr.valueAt(500));
    assertEquals(1.0e-5, lr.valueAt(400_000));
  }

  @Test
  void t5FromStringVariables() {
    // Warm-up: 0.01 of 1000000 * 512 samples = 10000 iterations; linear, halfway at 505000.
    Map<String, String> flags = Map.of("--global-batch-size", "512", "--lr", "0.0001", "--train-iters", "1000000", "--lr-decay-iters",
        "1000000", "--lr-decay-style", "linear", "--min-lr", "0.00001", "--weight-decay", "1e-2", "--lr-warmup-fraction", ".01");
    Schedule lr = assertMegatronsCurve("t5-220m.sh", flags, 0, 9_999, 10_000, 10_001, 505_000, 999_999);
    assertEquals(0.0001, lr.valueAt(10_000));
    assertTrue(GoldenAssert.close(5.5e-5, lr.valueAt(505_000)));
  }

  @Test
  void mambaTakesItsBatchSizeFromTheCaseBashTakes() {
    // MODEL_SCALE="800M" selects GLOBAL_BATCH_SIZE=32; warm-up 50000 samples = 1562.5 iterations,
    // decay 73192188 = 2287255.875 iterations.
    Map<String, String> flags = Map.of("--global-batch-size", "32", "--train-samples", "73242188", "--lr-warmup-samples", "50000",
        "--lr-decay-samples", "73192188", "--lr", "2.5e-4", "--min-lr", "2.5e-5", "--lr-decay-style", "cosine", "--weight-decay", "0.1");
    Schedule lr = assertMegatronsCurve("mamba.sh", flags, 0, 1562, 1563, 1_000_000, 2_287_255, 2_287_256, 2_288_817);
    assertEquals(2.5e-4 * (1562.0 * 32) / 50000, lr.valueAt(1562));
    assertEquals(2.5e-5, lr.valueAt(2_287_256));
  }

  @Test
  void mimoWithDefaultsAndArithmetic() {
    // TRAIN_ITERS=${TRAIN_ITERS:-20}; GLOBAL_BATCH_SIZE=$((1 * 4 * 1 * 2)) = 8; cosine over 10 iterations.
    Map<String, String> flags = Map.of("--global-batch-size", "8", "--lr", "2e-4", "--min-lr", "2e-6", "--lr-decay-style", "cosine",
        "--lr-warmup-iters", "0", "--lr-decay-iters", "10", "--weight-decay", "0.05", "--train-iters", "20");
    Schedule lr = assertMegatronsCurve("mimo-hetero-mock.sh", flags, 0, 1, 5, 9, 10, 11, 19);
    assertEquals(2e-4, lr.valueAt(0));
    assertEquals(2e-6, lr.valueAt(10));
    assertEquals(20, MegatronFormat.settings(script("mimo-hetero-mock.sh")).trainIters());
  }
}
