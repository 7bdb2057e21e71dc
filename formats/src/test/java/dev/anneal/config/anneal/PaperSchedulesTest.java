package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.geometry.Unit;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Stepped;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paper schedules of {@code examples/} ({@code docs/papers.md}), each read through the Anneal
 * JSON reader, against what its paper states: the peak, the floor, and the step or token at which
 * each phase ends. Expected figures are the papers' own, or worked out by hand from them in the
 * comments.
 */
class PaperSchedulesTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  private static String example(String name) throws IOException {
    return Files.readString(Path.of("..", "examples", name));
  }

  private static Sequence lr(String text) {
    return (Sequence) FORMAT.read(text).plan().lr();
  }

  /** The update at which each phase ends, counted from the start of the run. */
  private static List<Long> phaseEnds(Sequence schedule) {
    List<Long> ends = new ArrayList<>();
    long end = 0;
    for (Phase phase : schedule.phases()) {
      if (phase.steps() == Phase.OPEN) {
        break;
      }
      end += phase.steps();
      ends.add(end);
    }
    return ends;
  }

  /** {@code update} is the first whose consumed tokens reach {@code tokens}. */
  private static void assertFirstToReach(RunGeometry geometry, long update, String tokens) {
    BigDecimal target = new BigDecimal(tokens);
    assertTrue(geometry.amountIn(Unit.TOKENS, update).compareTo(target) >= 0, "update " + update + " reaches " + tokens + " tokens");
    assertTrue(geometry.amountIn(Unit.TOKENS, update - 1).compareTo(target) < 0, "update " + (update - 1) + " is short of " + tokens + " tokens");
  }

  /**
   * The phase from update {@code start} to {@code end} lasts {@code tokens}: {@code end} is the
   * first update whose tokens reach those at {@code start} plus {@code tokens} (a length is measured
   * from where its phase starts, docs/units.md).
   */
  private static void assertLastsTokens(RunGeometry geometry, long start, long end, String tokens) {
    BigDecimal atStart = geometry.amountIn(Unit.TOKENS, start);
    assertFirstToReach(geometry, end, atStart.add(new BigDecimal(tokens)).toPlainString());
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(GoldenAssert.close(expected, actual), what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void llama2WarmsUpFor2000StepsAndEndsAtTenPercentAfter2TTokens() throws IOException {
    Sequence lr = lr(example("llama2-7b.json"));
    // 2T tokens in batches of 1,024 x 4,096 = 4,194,304 tokens: 476,837.16 batches, so update 476,838.
    assertEquals(List.of(2_000L, 476_838L), phaseEnds(lr));
    assertFirstToReach(FORMAT.readGeometry(example("llama2-7b.json")).orElseThrow(), 476_838, "2000000000000");
    assertEquals(0.0, lr.valueAt(0));
    assertEquals(3e-4, lr.valueAt(2_000));
    assertTrue(lr.valueAt(476_837) > 3e-5);
    assertEquals(3e-5, lr.valueAt(476_838));
    assertClose(0.1 * lr.valueAt(2_000), lr.valueAt(476_838), "10 % of the peak");
  }

  @Test
  void llama3WarmsUpFor8000StepsAndReaches8eMinus7AtStep1200000() throws IOException {
    Sequence lr = lr(example("llama3-405b.json"));
    assertEquals(List.of(8_000L, 1_200_000L), phaseEnds(lr));
    assertEquals(8e-5, lr.valueAt(8_000));
    assertTrue(lr.valueAt(1_199_999) > 8e-7);
    assertEquals(8e-7, lr.valueAt(1_200_000));
  }

  @Test
  void deepSeekV3EndsItsPhasesAt10TThen14point3TThen14point633TThen14point8TTokens() throws IOException {
    String text = example("deepseek-v3.json");
    Sequence lr = lr(text);
    RunGeometry geometry = FORMAT.readGeometry(text).orElseThrow();
    List<Long> ends = phaseEnds(lr);
    assertEquals(2_000L, ends.get(0));
    // The ramp: 3,072 sequences at first, 15,360 once past 469B tokens (114,501,953 sequences of 4,096).
    assertEquals(3_072, geometry.batchSchedule().orElseThrow().batchAt(0));
    assertEquals(15_360, geometry.batchSchedule().orElseThrow().batchAt(114_501_954));
    // The warm-up's 2,000 updates lie before the first increment: 2,000 x 3,072 x 4,096 tokens.
    assertEquals(new BigDecimal("25165824000"), geometry.amountIn(Unit.TOKENS, 2_000));
    assertFirstToReach(geometry, ends.get(1), "10000000000000");
    assertLastsTokens(geometry, ends.get(1), ends.get(2), "4300000000000");
    assertLastsTokens(geometry, ends.get(2), ends.get(3), "333000000000");
    assertLastsTokens(geometry, ends.get(3), ends.get(4), "167000000000");
    // 14.8T in all, give or take the overshoot of the last update of each phase in tokens: less
    // than one full batch (15,360 x 4,096 = 62,914,560 tokens) each, three phases after 10T.
    BigDecimal total = geometry.amountIn(Unit.TOKENS, ends.get(4));
    assertTrue(total.compareTo(new BigDecimal("14800000000000")) >= 0, total.toPlainString());
    assertTrue(total.compareTo(new BigDecimal("14800000000000").add(BigDecimal.valueOf(3 * 62_914_560L))) < 0, total.toPlainString());
    assertEquals(2.2e-4, lr.valueAt(2_000));
    assertEquals(2.2e-4, lr.valueAt(ends.get(1) - 1));
    assertTrue(lr.valueAt(ends.get(1) + 1) < 2.2e-4);
    assertEquals(2.2e-5, lr.valueAt(ends.get(2)));
    assertEquals(2.2e-5, lr.valueAt(ends.get(3) - 1));
    assertEquals(7.3e-6, lr.valueAt(ends.get(3)));
    assertEquals(7.3e-6, lr.valueAt(ends.get(4) + 1_000));
  }

  @Test
  void theTransformerFollowsEquation3() throws IOException {
    Sequence lr = lr(example("transformer-inverse-sqrt.json"));
    assertEquals(List.of(4_000L, 100_000L), phaseEnds(lr));
    for (long step : new long[] {1, 100, 1_000, 3_999, 4_000, 4_001, 10_000, 50_000, 99_999, 100_000}) {
      double paper = Math.pow(512, -0.5) * Math.min(Math.pow(step, -0.5), step * Math.pow(4_000, -1.5));
      assertClose(paper, lr.valueAt(step), "step " + step);
    }
  }

  @Test
  void resNet50DecaysTenfoldAtEpochs30And60And80() throws IOException {
    Stepped lr = (Stepped) FORMAT.read(example("resnet50-imagenet-epochs.json")).plan().lr();
    // ceil(1,281,167 / 256) = 5,005 updates an epoch.
    assertEquals(Cadence.perEpoch(5_005), lr.cadence());
    assertEquals(List.of(90L), phaseEnds((Sequence) lr.schedule()));
    double[] expected = {0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1, 0.1 * 0.1 * 0.1 * 0.1};
    long[] epochStarts = {0, 30, 60, 80};
    for (int k = 0; k < epochStarts.length; k++) {
      long first = epochStarts[k] * 5_005;
      assertClose(expected[k], lr.valueAt(first), "epoch " + epochStarts[k]);
      if (k > 0) {
        assertClose(expected[k - 1], lr.valueAt(first - 1), "the last update before epoch " + epochStarts[k]);
      }
    }
    assertClose(1e-4, lr.valueAt(90 * 5_005 - 1), "the last update of epoch 90");
  }

  @Test
  void miniCpmWsdWarmsUpHoldsAndDecaysOverTheLastTenPercent() throws IOException {
    String text = example("minicpm-wsd.json");
    Sequence lr = lr(text);
    RunGeometry geometry = FORMAT.readGeometry(text).orElseThrow();
    // 4,194,304 tokens an update: the warm-up's 1B tokens are 238.4 updates, so 239 (1,002,438,656
    // tokens); 899B more reach 900,002,438,656 at update 214,578 (214,577.3); 100B more reach
    // 1,000,002,438,656 at update 238,420 (238,419.2).
    assertEquals(List.of(239L, 214_578L, 238_420L), phaseEnds(lr));
    assertFirstToReach(geometry, 239, "1000000000");
    assertLastsTokens(geometry, 239, 214_578, "899000000000");
    assertLastsTokens(geometry, 214_578, 238_420, "100000000000");
    assertEquals(0.01, lr.valueAt(239));
    assertEquals(0.01, lr.valueAt(214_577));
    assertClose(0.001, lr.valueAt(238_420), "the end of the decay");
    // Exponential: a straight line in log scale from 0.01 to 0.001 over the decay's updates.
    long decay = 238_420 - 214_578;
    assertClose(0.01 * Math.pow(0.1, (decay / 2) / (double) decay), lr.valueAt(214_578 + decay / 2), "halfway");
    assertEquals(0.01, lr.valueAt(214_578));
    assertClose(0.001, lr.valueAt(300_000), "held after the end");
  }
}
