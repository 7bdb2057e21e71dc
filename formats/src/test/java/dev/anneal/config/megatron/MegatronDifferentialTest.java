package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.schedule.Plan;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anneal against {@link MegatronReference}, Megatron's formulas written out directly, on random
 * valid flags: iteration- and sample-based, every decay style, warm-up fractions, batch sizes that
 * put boundaries between iterations. The reference is first checked against every golden case,
 * which came from the real Megatron code. Each random case also goes through a round trip: the
 * flags Anneal writes for the plan give the same curve.
 */
class MegatronDifferentialTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();
  private static final int RANDOM_CASES = 600;

  static Stream<GoldenCase> golden() {
    return GoldenCase.all("megatron");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void theReferenceIsMegatron(GoldenCase golden) {
    JsonNode kwargs = golden.config().get("OptimizerParamScheduler");
    Map<String, String> flags = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = golden.config().get("flags").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> flag = it.next();
      flags.put(flag.getKey(), flag.getValue().asText());
    }
    Object[] converted = MegatronReference.convert(flags);
    MegatronReference.Kwargs k = (MegatronReference.Kwargs) converted[0];
    assertEquals(kwargs.get("lr_warmup_steps").doubleValue(), k.warmup());
    assertEquals(kwargs.get("lr_decay_steps").longValue(), k.decay());
    assertEquals(kwargs.get("wd_incr_steps").longValue(), k.wdIncr());
    assertEquals(golden.config().get("step_increment").longValue(), (long) converted[1]);
    long increment = (long) converted[1];
    double[] lr = new double[golden.steps()];
    double[] wd = new double[golden.steps()];
    for (int i = 0; i < lr.length; i++) {
      lr[i] = MegatronReference.lr(k, i * increment);
      wd[i] = MegatronReference.wd(k, i * increment);
    }
    GoldenAssert.assertCurve(golden + " reference lr", golden.lr(), lr);
    if (golden.weightDecay() != null) {
      GoldenAssert.assertCurve(golden + " reference weight_decay", golden.weightDecay(), wd);
    }
  }

  /** One random valid set of flags. */
  record RandomFlags(int seed, Map<String, String> flags) {
    String text() {
      return flags.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" \\\n")) + "\n";
    }

    @Override
    public String toString() {
      return "#" + seed + ": " + text().replace(" \\\n", " ").trim();
    }
  }

  static Stream<RandomFlags> randomFlags() {
    return IntStream.range(0, RANDOM_CASES).mapToObj(MegatronDifferentialTest::generate);
  }

  private static RandomFlags generate(int seed) {
    Random random = new Random(seed);
    while (true) {
      Map<String, String> f = new LinkedHashMap<>();
      boolean samples = random.nextBoolean();
      long[] batches = {1, 2, 3, 4, 7, 8, 16, 512};
      long batch = batches[random.nextInt(batches.length)];
      boolean writeBatch = samples || random.nextBoolean();
      long n = writeBatch ? batch : 1;
      double max = pick(random, 1.0, 3e-4, 6e-4, 0.1, 2.5e-3);
      double min = pick(random, 0.0, max / 10, max / 3, 1e-6);
      String style = pick(random, "constant", "linear", "cosine", "inverse-square-root", "WSD");
      f.put("--lr", Double.toString(max));
      f.put("--min-lr", Double.toString(min));
      f.put("--lr-decay-style", style);
      if (random.nextInt(3) == 0) {
        f.put("--lr-warmup-init", Double.toString(max / 100));
      }
      if (writeBatch) {
        f.put("--global-batch-size", Long.toString(n));
      }
      double warmup;
      long decay;
      String unit = samples ? "samples" : "iters";
      if (!samples) {
        long iters = 1 + random.nextInt(50);
        f.put("--train-iters", Long.toString(iters));
        long decayIters = random.nextBoolean() ? iters : 1 + random.nextInt(70);
        if (decayIters != iters) {
          f.put("--lr-decay-iters", Long.toString(decayIters));
        }
        decay = decayIters * n;
      } else {
        long trainSamples = n + random.nextInt((int) (50 * n));
        f.put("--train-samples", Long.toString(trainSamples));
        decay = random.nextBoolean() ? trainSamples : 1 + random.nextInt((int) (70 * n));
        if (decay != trainSamples) {
          f.put("--lr-decay-samples", Long.toString(decay));
        }
      }
      if (random.nextInt(10) < 3) {
        double fraction = pick(random, 0.01, 0.015, 0.07, 0.1, 0.33, 0.5);
        f.put("--lr-warmup-fraction", Double.toString(fraction));
        warmup = fraction * decay;
      } else {
        long scale = samples ? 1 : n;
        long count = random.nextInt((int) Math.max(1, decay / scale));
        f.put("--lr-warmup-" + unit, Long.toString(count));
        warmup = count * scale;
      }
      if (warmup >= decay) {
        continue;
      }
      if (style.equals("WSD")) {
        long scale = samples ? 1 : n;
        long most = (long) Math.floor((decay - warmup) / scale);
        f.put("--lr-wsd-decay-" + unit, Long.toString(random.nextInt((int) most + 1)));
        f.put("--lr-wsd-decay-style", pick(random, "exponential", "linear", "cosine", "minus_sqrt"));
      }
      String wdStyle = pick(random, "constant", "linear", "cosine");
      if (wdStyle.equals("constant")) {
        f.put("--weight-decay", pick(random, "0.0", "0.01", "0.1"));
      } else {
        f.put("--weight-decay-incr-style", wdStyle);
        f.put("--start-weight-decay", pick(random, "0.0", "0.01"));
        f.put("--end-weight-decay", pick(random, "0.05", "0.1"));
      }
      return new RandomFlags(seed, f);
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomFlags")
  void annealIsMegatronOnRandomFlags(RandomFlags random) {
    Object[] converted = MegatronReference.convert(random.flags());
    MegatronReference.Kwargs k = (MegatronReference.Kwargs) converted[0];
    long increment = (long) converted[1];
    int steps = (int) (long) converted[2] + 10;
    double[] lr = new double[steps];
    double[] wd = new double[steps];
    for (int i = 0; i < steps; i++) {
      lr[i] = MegatronReference.lr(k, i * increment);
      wd[i] = MegatronReference.wd(k, i * increment);
    }
    Plan plan = FORMAT.read(random.text()).plan();
    assertChannels(random + "", lr, wd, plan, steps);
    Plan written = FORMAT.read(FORMAT.write(plan)).plan();
    assertChannels(random + " after a round trip", lr, wd, written, steps);
  }

  private static void assertChannels(String what, double[] lr, double[] wd, Plan plan, int steps) {
    GoldenAssert.assertCurve(what + " lr", lr, plan.lr().values(0, steps));
    GoldenAssert.assertCurve(what + " weight_decay", wd, plan.channel(Plan.WEIGHT_DECAY).values(0, steps));
  }
}
