package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.config.megatron.MegatronCode;
import dev.anneal.config.megatron.MegatronFormat;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenSet;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The GPT-3 175B examples: {@code examples/gpt3-175b-tokens.json} states the paper's schedule in
 * tokens (Brown et al. 2020, "Language Models are Few-Shot Learners", Table 2.1: peak learning rate
 * 0.6 × 10^-4, batch 3.2M tokens; Appendix B: linear warm-up over the first 375M tokens, cosine
 * decay to 10 % over 260B tokens, then 10 %; the batch grows from 32k tokens to the full size over
 * the first 4–12B tokens — 12B, the 175B model's, in Megatron's five steps), and {@code
 * examples/gpt3-175b-megatron.sh} is Megatron-LM's own launch of it, whose iteration flags Megatron
 * mis-scales. Both run on the same batch schedule.
 */
class Gpt3ExamplesTest {
  private static final int SEQUENCE = 2048;

  private static String example(String name) throws IOException {
    return Files.readString(Path.of("..", "examples", name));
  }

  private static Clocked tokens() throws IOException {
    return (Clocked) new AnnealFormat().read(example("gpt3-175b-tokens.json")).plan().lr();
  }

  @Test
  void theTokenExampleHasThePapersValuesWhereEachPhaseEnds() throws IOException {
    Clocked lr = tokens();
    assertEquals(Clock.TOKENS, lr.clock());
    Schedule inTokens = lr.schedule();
    assertEquals(0.0, inTokens.valueAt(0));
    // Within the golden tolerance, max(1e-12 absolute, 1e-9 relative): the cosine's first value is its peak in real numbers.
    assertEquals(0.6e-4, inTokens.valueAt(375_000_000L), 1e-9 * 0.6e-4, "the peak where the warm-up ends, at 375M tokens");
    assertTrue(inTokens.valueAt(259_000_000_000L) > 0.6e-5, "still decaying 1B tokens before 260B");
    assertEquals(0.6e-5, inTokens.valueAt(260_000_000_000L), 1e-9 * 0.6e-5, "10 % of the peak at 260B tokens");
    assertEquals(0.6e-5, inTokens.valueAt(300_000_000_000L), "and 10 % after it");
  }

  @Test
  void theTokenExamplesBatchGrowsFrom32kTokensToTheFullBatchOverThe12BTokens() throws IOException {
    var consumption = tokens().consumption();
    assertEquals(32_768, consumption.batchOf(0) * SEQUENCE, "32k tokens");
    long full = consumption.updatesToReach(Clock.TOKENS, 12_000_000_000L);
    assertEquals(1536L * SEQUENCE, consumption.batchOf(full) * SEQUENCE, "3.2M tokens (1,536 sequences of 2,048) once 12B tokens are consumed");
    assertEquals(1232, consumption.batchOf(full - 1), "the last step of the ramp just before");
    assertTrue(consumption.position(Clock.TOKENS, full) >= 12_000_000_000L && consumption.position(Clock.TOKENS, full - 1) < 12_000_000_000L);
  }

  /** The script is the golden case example-gpt3-175b-dp1 (128 GPUs), and Megatron's mis-scaled decay is warned about. */
  @Test
  void theMegatronExampleIsMegatronsCurveAndIsWarnedAbout() throws IOException {
    Imported imported = new MegatronFormat().read(example("gpt3-175b-megatron.sh"));
    GoldenCase golden = GoldenCase.named(GoldenSet.GEOMETRY, "megatron", "example-gpt3-175b-dp1");
    GoldenAssert.assertCurve(golden + " lr", golden.lr(), imported.plan().lr().values(0, golden.steps()));
    assertTrue(imported.warnings().stream().anyMatch(w -> w.code() == MegatronCode.MEGATRON_ITERS_MIS_SCALED), imported.warnings().toString());
    assertEquals(tokens().consumption(), ((Clocked) imported.plan().lr()).consumption(), "the same batch at every update");
  }
}
