package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal resume-check} through the command's entry point, on states torch 1.13 saved and on
 * Megatron-LM's state written from its source (formats' test resources under {@code takeover/}).
 */
class ResumeCheckCommandTest {
  /** torch's StepLR(step_size=3, gamma=0.5) on SGD(lr=0.1), as rebuilt from its state and printed. */
  private static final List<String> REBUILT_STEPLR = List.of(
      "upstream's scheduler, rebuilt from the state (pytorch):",
      "  {",
      "    \"optimizer\" : {",
      "      \"type\" : \"SGD\",",
      "      \"lr\" : 0.1",
      "    },",
      "    \"scheduler\" : {",
      "      \"type\" : \"StepLR\",",
      "      \"kwargs\" : {",
      "        \"step_size\" : 3,",
      "        \"gamma\" : 0.5",
      "      }",
      "    }",
      "  }");

  @TempDir Path dir;

  @Test
  void theSameScheduleContinuesExactly() throws IOException {
    Path state = resource("pytorch/steplr.state.json");
    Path config = resource("pytorch/steplr.config.json");

    Anneal.Result result = Anneal.run("resume-check", state.toString(), config.toString(), "--format", "pytorch");

    // torch stepped StepLR 7 times: the 8th update (index 7) uses 0.1 * 0.5^(7 // 3) = 0.025, as the config does.
    assertEquals(concat(List.of(
        "state: PyTorch StepLR (" + state + ")",
        "  read: last_epoch = 7, _last_lr = [0.025], base_lrs = [0.1], step_size = 3, gamma = 0.5",
        "config: " + config + " (pytorch)",
        "resume at update 7",
        "upstream's next lr: 0.025",
        "Anneal's lr there:  0.025",
        "differences: none",
        "Anneal continues exactly as PyTorch would",
        "start there: ScheduledTraining.builder()…optStartStep(7)"), REBUILT_STEPLR), result.out());
    assertEquals(List.of(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aChangedStepSizeIsEveryDifferenceAndExitsOne() throws IOException {
    Path state = resource("pytorch/steplr.state.json");

    Anneal.Result result = Anneal.run("resume-check", state.toString(), "--format", "pytorch", "--config-text",
        "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 4, \"gamma\": 0.5}}}");

    // StepLR(4, 0.5) gives 0.1 * 0.5^(7 // 4) = 0.05 at update 7; at update 9 torch's 0.1 * 0.5^3 = 0.0125 against 0.1 * 0.5^2 = 0.025.
    assertEquals(concat(List.of(
        "state: PyTorch StepLR (" + state + ")",
        "  read: last_epoch = 7, _last_lr = [0.025], base_lrs = [0.1], step_size = 3, gamma = 0.5",
        "config: <inline> (pytorch)",
        "resume at update 7",
        "upstream's next lr: 0.025",
        "Anneal's lr there:  0.05",
        "differences (3):",
        "  lr at update 7: upstream 0.025, config 0.05 — upstream's optimizer was saved with this lr and uses it for the next update; "
            + "the config's first update after the takeover uses its own",
        "  lr.schedule.phases[0].every: upstream 3, config 4 — torch's load_state_dict restores every field of the saved scheduler, "
            + "so a resumed torch run keeps upstream's value; Anneal would run the config's",
        "  lr at update 9: upstream 0.0125, config 0.025 — the first update after the resume step where the config's curve parts "
            + "from the one a resumed torch run follows",
        "Anneal, started there with this config, does not continue as PyTorch would",
        "start there: ScheduledTraining.builder()…optStartStep(7)"), REBUILT_STEPLR), result.out());
    assertEquals(1, result.exitCode());
  }

  @Test
  void megatronsAssertionIsTheErrorAndExitsOne() throws IOException {
    Path state = resource("megatron/gpt3-cosine.state.json");
    Path flags = Files.writeString(dir.resolve("pretrain.sh"), "python pretrain_gpt.py --lr 0.0005 --min-lr 6e-05 --lr-decay-style cosine "
        + "--lr-warmup-iters 200 --lr-decay-iters 4000 --train-iters 5000 --weight-decay 0.1\n");

    Anneal.Result result = Anneal.run("resume-check", state.toString(), flags.toString(), "--format", "megatron", "--quiet");

    assertEquals(List.of(state + ": [MegatronRefuses] max_lr: this checkpoint is refused by Megatron-LM: "
        + "OptimizerParamScheduler.load_state_dict asserts \"OptimizerParamScheduler: class input value 0.0005 and checkpointvalue 0.0006 "
        + "for learning rate do not match\"; pass --use-checkpoint-opt_param-scheduler to continue with the checkpoint's values, "
        + "--override-opt_param-scheduler to continue with the flags', or change --lr to the checkpoint's value"), result.err());
    assertEquals(List.of(
        "resume at update 1000 (1000 samples consumed: num_steps)",
        "upstream's next lr: none: upstream refuses to resume (see the error)"), result.out().subList(3, 5));
    assertEquals("Megatron-LM refuses to resume with this config", result.out().get(result.out().size() - 2));
    assertEquals(1, result.exitCode());
  }

  @Test
  void aStateThatIsNotJsonIsBadInput() throws IOException {
    Path state = Files.writeString(dir.resolve("scheduler.txt"), "last_epoch: 7");

    Anneal.Result result = Anneal.run("resume-check", state.toString(), "--config-text", "{\"lr\": 0.1}");

    assertEquals(List.of(state + ": [StateNotJson] $: the scheduler state is not JSON (Unrecognized token 'last_epoch': was expecting "
        + "(JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false') at line 1, column 11); export it with the line for "
        + "your framework in docs/resume-check.md"), result.err());
    assertEquals(List.of(), result.out());
    assertEquals(2, result.exitCode());
  }

  @Test
  void anUnknownStateFormatIsBadInput() throws IOException {
    Path state = resource("pytorch/steplr.state.json");

    Anneal.Result result = Anneal.run("resume-check", state.toString(), "--state-format", "torch", "--config-text", "{\"lr\": 0.1}");

    assertEquals(List.of("[UnknownStateFormat] --state-format: unknown state format 'torch'; did you mean `pytorch`?"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void aMissingStateFileIsBadInput() {
    Path missing = dir.resolve("scheduler.json");

    Anneal.Result result = Anneal.run("resume-check", missing.toString(), "--config-text", "{\"lr\": 0.1}");

    assertEquals(List.of(missing + ": [UnreadableFile] cannot read the file: no such file"), result.err());
    assertEquals(2, result.exitCode());
  }

  @Test
  void theHelpNamesTheStateFormats() {
    Anneal.Result result = Anneal.run("resume-check", "--help");

    assertEquals(List.of("      --state-format=SYSTEM",
        "                           The framework that saved STATE: pytorch, deepspeed,",
        "                             megatron, transformers. Default: detected from its",
        "                             keys."),
        result.out().subList(result.out().indexOf("      --state-format=SYSTEM"), result.out().indexOf("      --state-format=SYSTEM") + 4));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private Path resource(String name) throws IOException {
    try (InputStream in = ResumeCheckCommandTest.class.getResourceAsStream("/takeover/" + name)) {
      Path file = dir.resolve(name.replace('/', '-'));
      Files.write(file, in.readAllBytes());
      return file;
    }
  }
}
