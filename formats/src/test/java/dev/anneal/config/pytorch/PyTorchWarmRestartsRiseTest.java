package dev.anneal.config.pytorch;

import static dev.anneal.config.pytorch.PyTorchFormatErrorsTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CosineAnnealingWarmRestarts with {@code eta_min} above the learning rate: torch 1.13 runs it, each
 * period rising from the learning rate towards {@code eta_min}, and so does Anneal, with a warning.
 * The curves are torch 1.13's, from the random probe of issue 14 (p0158, p0172).
 */
class PyTorchWarmRestartsRiseTest {
  private static final String CASES = "/dev/anneal/config/pytorch/warm-restarts-eta-min-above-lr/";

  @Test
  void everyPeriodRisesTowardsEtaMin() throws IOException {
    assertEquals(List.of("[FloorAboveStart] scheduler.kwargs.eta_min: eta_min (2) is above the learning rate (0.1), so torch's"
        + " CosineAnnealingWarmRestarts raises the learning rate towards eta_min where a decay was probably meant; set eta_min below"
        + " the learning rate"), readCase("p0158-cosineannealingwarmrestarts.json"));
  }

  @Test
  void everyPeriodRisesTowardsEtaMinOnAdamW() throws IOException {
    assertEquals(List.of("[FloorAboveStart] scheduler.kwargs.eta_min: eta_min (0.5) is above the learning rate (0.01), so torch's"
        + " CosineAnnealingWarmRestarts raises the learning rate towards eta_min where a decay was probably meant; set eta_min below"
        + " the learning rate"), readCase("p0172-cosineannealingwarmrestarts.json"));
  }

  /** Reads a case file as a pytorch config, checks the plan's learning rate against torch's, and gives the warnings. */
  private static List<String> readCase(String file) throws IOException {
    JsonNode node;
    try (InputStream in = PyTorchWarmRestartsRiseTest.class.getResourceAsStream(CASES + file)) {
      node = new ObjectMapper().readTree(in);
    }
    String scheduler = "{\"type\": \"CosineAnnealingWarmRestarts\", \"kwargs\": " + node.get("config") + "}";
    Imported imported = Formats.byName("pytorch").read(config(node.get("optimizer").toString(), scheduler));
    JsonNode lr = node.get("lr");
    double[] want = new double[lr.size()];
    double[] got = new double[lr.size()];
    for (int step = 0; step < want.length; step++) {
      want[step] = lr.get(step).asDouble();
      got[step] = imported.plan().lr().valueAt(step);
    }
    GoldenAssert.assertCurve(file, want, got);
    // The notes naming optimizer settings a scheduler leaves alone are pinned by PyTorchIgnoredKeysTest.
    return imported.warnings().stream().filter(v -> v.severity() != Severity.NOTE).map(Violation::toString).toList();
  }
}
