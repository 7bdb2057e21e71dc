package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code anneal explain} of a schedule clocked in tokens (the GPT-3 175B example): the update's
 * samples, tokens and batch, the wrapped schedule at that position, and the phase's ends in updates.
 * The update boundaries are the geometry's, checked in {@code AnnealGeometryFormatTest}: the first
 * update whose tokens reach 375M is 11,445, the first to reach 260B is 159,835.
 */
class ExplainClockTest {
  @Test
  void explainSaysTheTokensOfTheUpdateAndWhereItsPhaseStartsAndEndsInUpdates() {
    Anneal.Result result = Anneal.run("explain", "../examples/gpt3-175b-tokens.json", "--step", "100000", "--channel", "lr");
    assertEquals(0, result.exitCode(), String.join("\n", result.err()));
    List<String> out = result.out();
    assertEquals("lr: step 100000: 5.05341676375007E-5 (clocked in tokens)", out.get(0));
    assertEquals("    inputs: clock=tokens, global_batch=1536, samples_before=35046688, tokens_before=71775617024", out.get(2));
    assertEquals("    step 71775617024: 5.05341676375007E-5 from phases[1] (cosine decay, local step 71400617024)", out.get(3));
    assertEquals(true, out.stream().anyMatch(line -> line.equals("    in units: step 100,000 = 35,046,688 samples, 71,775,617,024 tokens;"
        + " phases[1] = updates 11,445 to 159,835 (148,390 updates = 126,770,128 samples, 259,625,222,144 tokens)")), String.join("\n", out));
  }
}
