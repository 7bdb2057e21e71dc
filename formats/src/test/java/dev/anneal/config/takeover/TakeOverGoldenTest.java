package dev.anneal.config.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.schedule.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Takes over DeepSpeed, Megatron-LM and transformers runs from states written by hand from their
 * source (takeover/make_handwritten_states.py; the frameworks are not installed), whose lrs come
 * from the golden curves the real upstream code made: the run started at the resume step with the
 * golden case's own config continues the uninterrupted golden curve.
 */
class TakeOverGoldenTest {
  @ParameterizedTest(name = "{0}/{1} resumes at update {2}")
  @CsvSource({
    "deepspeed, warmupdecaylr-log-min-lr, 150",
    "deepspeed, warmupcosinelr-linear-ratios, 1000",
    "deepspeed, onecycle-decay-lr-and-mom, 1400",
    "deepspeed, onecycle-staircase, 600",
    "megatron, gpt3-cosine, 1000",
    "megatron, inverse-sqrt-no-warmup-gbs512, 300",
    "megatron, cosine-warmup-fraction, 20",
    "megatron, wsd-cosine, 1400",
    "transformers, linear-warmup, 300"})
  void continuesTheUninterruptedUpstreamCurve(String system, String name, long resumeStep) {
    GoldenCase golden = GoldenCase.named(system, name);
    GoldenInputs inputs = GoldenInputs.forSystem(system);
    String configText = inputs.configText(golden);
    Imported config = Formats.byName(inputs.format()).read(configText);
    ForeignState state = ForeignStates.read(TakeOverResources.text(system + "/" + name + ".state.json"), Optional.empty());

    TakeOverReport report = TakeOverCheck.check(state, config, configText);

    assertEquals(resumeStep, report.resumeStep());
    assertEquals(List.of(), report.differences());
    assertTrue(report.continuesExactly(), () -> report.diagnostics().toString());
    if (report.upstreamNext().isPresent()) {
      assertTrue(GoldenAssert.close(golden.lr()[(int) resumeStep], report.upstreamNext().getAsDouble()));
    }
    Schedule lr = config.plan().channel("lr");
    double[] expected = Arrays.copyOfRange(golden.lr(), (int) resumeStep, golden.lr().length);
    double[] continued = new double[expected.length];
    for (int i = 0; i < continued.length; i++) {
      continued[i] = lr.valueAt(resumeStep + i, lr.initialState());
    }
    GoldenAssert.assertCurve(system + "/" + name + " taken over at update " + resumeStep, expected, continued);
  }
}
