package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.ChangingFormat;
import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  /** A cycle of 4 steps that goes on after its end: 0 at step 4, 0.5 at step 5. Its first update is at 0. */
  private static final String CYCLING = """
      {"lr": {"phases": [{"shape": "cyclic", "base": 0, "max": 1, "up": 2, "down": 2, "steps": 4}], "after": "continue"}}
      """;

  private static final String ZERO_WARNING =
      ": [FirstUpdateAtZero] lr: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void anExactConversionPrintsTheConfig() throws IOException {
    Path source = file("source.json", "{\"lr\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1e-3, \"to\": 0, \"steps\": 100, \"cycles\": 0.5}]}}");

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");

    assertEquals("""
        {
          "lr": {
            "phases": [
              {"shape": "cosine", "from": 0.001, "to": 0, "steps": 100}
            ],
            "after": "hold"
          }
        }
        """, result.outText());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void whatTheTargetLacksIsNamedAndNothingIsPrinted() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat noCycles = new ChangingFormat("nocycles", plan -> {
      throw new InvalidScheduleException(ConfigCode.unsupported("lr.phases[0]", "cyclic", "nocycles", "nocycles has no cyclic schedule"));
    });

    Anneal.Result result = Anneal.run(TestFormats.with(noCycles), "convert", source.toString(), "--from", "anneal", "--to", "nocycles");

    assertEquals(List.of(source + ZERO_WARNING, source + ": [Unsupported] lr.phases[0]: cannot be written as nocycles: nocycles has no cyclic schedule"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void theFirstDifferingStepIsNamed() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat holds = new ChangingFormat("holds",
        plan -> Plan.of(Sequence.of(plan.lr().phases().get(0).shape(), 4, AfterEnd.HOLD)));

    Anneal.Result result = Anneal.run(TestFormats.with(holds), "convert", source.toString(), "--from", "anneal", "--to", "holds");

    assertEquals(List.of(source + ZERO_WARNING, source + ": [ConversionDiffers] lr: converted to holds, the value at step 5 is 0 "
        + "instead of 0.5; holds cannot express this schedule exactly"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void stepsBoundTheComparison() throws IOException {
    Path source = file("source.json", CYCLING);
    ChangingFormat holds = new ChangingFormat("holds",
        plan -> Plan.of(Sequence.of(plan.lr().phases().get(0).shape(), 4, AfterEnd.HOLD)));

    Anneal.Result result = Anneal.run(TestFormats.with(holds), "convert", source.toString(), "--from", "anneal", "--to", "holds", "--steps", "5");

    assertEquals(0, result.exitCode());
    assertEquals("    \"after\": \"hold\"", result.out().get(result.out().size() - 3));
  }

  @Test
  void sourceWarningsGoToStandardError() throws IOException {
    Path source = file("source.json", "{\"phases\": [{\"shape\": \"linear\", \"from\": 0, \"to\": 1, \"steps\": 10}]}");

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");

    assertEquals(List.of(source + ": [FirstUpdateAtZero] the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing"),
        result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path source = file("source.json", "{\"lr\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"steps\": 0}]}}");

    Anneal.Result unknownTarget = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "aneal");
    Anneal.Result badSource = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal");
    Anneal.Result badSteps = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal", "--steps", "-3");

    assertEquals(List.of("[UnknownType] --to: unknown format 'aneal'; did you mean `anneal`?"), unknownTarget.err());
    assertEquals(List.of(source + ": [NonPositiveLength] lr.phases[0].steps: steps (0) must be at least 1"), badSource.err());
    assertEquals(List.of("[NonPositiveLength] --steps: --steps (-3) must be at least 1"), badSteps.err());
    for (Anneal.Result result : List.of(unknownTarget, badSource, badSteps)) {
      assertEquals(List.of(), result.out());
      assertEquals(2, result.exitCode());
    }
  }
  /** examples/megatron-llama.sh: a warm-up from --min-lr and cosine decay, and Megatron's default weight decay. */
  private static final Path LLAMA = Path.of("..", "examples", "megatron-llama.sh").toAbsolutePath().normalize();

  private static final String LLAMA_IGNORED = LLAMA + ": [IgnoredSetting] --num-layers, --hidden-size, --swiglu, --normalization: "
      + "ignored: not schedule settings (Megatron-LM's transformer configuration and network size flags)";

  @Test
  void aChannelTheTargetCannotHoldIsNamedWithItsValuesAndTheChannelsThatConvert() {
    Anneal.Result result = Anneal.run("convert", LLAMA.toString(), "--to", "transformers");

    assertEquals(List.of(LLAMA_IGNORED,
        LLAMA + ": [Unsupported] channels.weight_decay: cannot be written as transformers: transformers has no weight_decay schedule: "
            + "its schedulers set the learning rate only",
        LLAMA + ": [ChannelNotConvertible] weight_decay: transformers cannot hold this channel (0.01 at every step), so the plan "
            + "cannot be converted whole; add --channel lr to convert the other channels, and set weight_decay another way"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void channelConvertsOnlyTheChannelsItNamesAndNotesEachLeftOut() {
    Anneal.Result result = Anneal.run("convert", LLAMA.toString(), "--to", "transformers", "--channel", "lr");

    assertEquals(List.of(LLAMA_IGNORED,
        LLAMA + ": [ChannelLeftOut] weight_decay: left out, as --channel names lr: the converted config does not hold this channel "
            + "(0.01 at every step); set it another way, or add it to --channel"), result.err());
    assertEquals("""
        {
          "learning_rate" : 3.0E-4,
          "lr_scheduler_type" : "warmup_stable_decay",
          "warmup_steps" : 500,
          "max_steps" : 10000,
          "lr_scheduler_kwargs" : {
            "num_decay_steps" : 9500,
            "min_lr_ratio" : 0.1
          }
        }
        """, result.outText());
    assertEquals(0, result.exitCode());
  }

  @Test
  void channelTakesAListAndKeepsThePlansOrder() throws IOException {
    Path source = file("source.json", """
        {"weight_decay": {"phases": [{"shape": "linear", "from": 0, "to": 0.1, "steps": 100}]},
         "lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 100}]},
         "momentum": {"phases": [{"shape": "constant", "value": 0.9, "steps": 100}]}}
        """);

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal", "--channel", "lr,weight_decay");

    assertEquals(List.of(source + ": [ChannelLeftOut] momentum: left out, as --channel names lr,weight_decay: the converted config "
        + "does not hold this channel (0.9 at every step); set it another way, or add it to --channel"), result.err());
    assertEquals(List.of("{", "  \"weight_decay\": {"), result.out().subList(0, 2));
    assertEquals(0, result.exitCode());
  }

  @Test
  void aLeftOutRampIsShownFromItsFirstToItsLastStep() throws IOException {
    Path source = file("source.json", """
        {"lr": {"phases": [{"shape": "constant", "value": 0.1, "steps": 100}]},
         "weight_decay": {"phases": [{"shape": "linear", "from": 0, "to": 0.1, "steps": 100}]}}
        """);

    Anneal.Result result = Anneal.run("convert", source.toString(), "--from", "anneal", "--to", "anneal", "--channel", "lr");

    assertEquals(List.of(source + ": [ChannelLeftOut] weight_decay: left out, as --channel names lr: the converted config "
        + "does not hold this channel (from 0 at step 0 to 0.099 at step 99); set it another way, or add it to --channel"), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aLearningRateTheTargetCannotHoldIsReportedBesideTheOtherChannel() throws IOException {
    // Megatron warms up from 0 by default, then holds --min-lr: no transformers scheduler does both.
    Path script = file("pretrain.sh", "pretrain_gpt.py --train-iters 1000 --lr 3e-4 --min-lr 3e-5 --lr-decay-style cosine --lr-warmup-iters 100\n");

    Anneal.Result result = Anneal.run("convert", script.toString(), "--from", "megatron", "--to", "transformers");

    assertEquals(List.of(
        script + ": [FirstUpdateAtZero] --lr-warmup-init: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing",
        script + ": [Unsupported] channels.weight_decay: cannot be written as transformers: transformers has no weight_decay schedule: "
            + "its schedulers set the learning rate only",
        script + ": [Unsupported] channels.lr: cannot be written as transformers: transformers has no schedule of this form "
            + "(linear over 100 steps, cosine over 900 steps, constant for ever); it offers a linear warm-up from 0 followed by a "
            + "constant, a linear decay to 0, a cosine (continuing past the end), a cosine with hard restarts, a polynomial decay or an "
            + "inverse square root; a cosine to a floor (continuing, also +1-shifted); and warmup-stable-decay"), result.err());
    assertEquals(1, result.exitCode());
  }

  @Test
  void everyUnknownChannelIsNamed() {
    Anneal.Result result = Anneal.run("convert", LLAMA.toString(), "--to", "transformers", "--channel", "lr,weight_decy,beta1");

    assertEquals(List.of(
        LLAMA + ": [UnknownChannel] --channel: unknown channel 'weight_decy'; did you mean `weight_decay`?",
        LLAMA + ": [UnknownChannel] --channel: unknown channel 'beta1'; expected one of: lr, weight_decay"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }
}
