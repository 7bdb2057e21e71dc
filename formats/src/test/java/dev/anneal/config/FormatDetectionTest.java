package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.FormatDetection.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FormatDetection}: the formats a file fits, from its content and its name, with the evidence for each. */
class FormatDetectionTest {
  private static final String DS_CONFIG = """
      {"train_batch_size": 32,
       "optimizer": {"type": "AdamW", "params": {"lr": 0.001}},
       "scheduler": {"type": "WarmupLR", "params": {"warmup_max_lr": 0.001, "warmup_num_steps": 100}}}
      """;

  private static final String PYTORCH = """
      {"optimizer": {"type": "SGD", "lr": 0.1},
       "scheduler": {"type": "StepLR", "kwargs": {"step_size": 10}}}
      """;

  private static List<Candidate> detect(String name, String text) {
    return FormatDetection.candidates(name, text);
  }

  @Test
  void anAnnealPlanWithARunGeometryIsAnnealJson() {
    assertEquals(List.of(new Candidate("anneal", "lr.phases")),
        detect("p.json", "{\"geometry\": {\"updates_per_epoch\": 45}, \"lr\": {\"cadence\": \"epoch\", \"phases\": []}}"));
    assertEquals(List.of(), detect("p.json", "{\"geometry\": {\"updates_per_epoch\": 45}}"));
  }

  @Test
  void eachFormatIsKnownByAKeyOnlyItUses() {
    assertEquals(List.of(new Candidate("deepspeed", "scheduler.params")), detect("train.json", "{\"scheduler\": {\"type\": \"WarmupLR\", \"params\": {}}}"));
    assertEquals(List.of(new Candidate("deepspeed", "optimizer.params")), detect("train.json", DS_CONFIG));
    assertEquals(List.of(new Candidate("deepspeed", "zero_optimization")), detect("x.json", "{\"zero_optimization\": {\"stage\": 2}}"));
    assertEquals(List.of(new Candidate("pytorch", "optimizer.kwargs")),
        detect("x.json", "{\"optimizer\": {\"type\": \"SGD\", \"kwargs\": {\"lr\": 0.1}}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {}}}"));
    assertEquals(List.of(new Candidate("pytorch", "scheduler.kwargs")), detect("x.json", PYTORCH));
    assertEquals(List.of(new Candidate("transformers", "lr_scheduler_type")),
        detect("args.json", "{\"lr_scheduler_type\": \"cosine\", \"learning_rate\": 3e-4, \"max_steps\": 100}"));
    assertEquals(List.of(new Candidate("transformers", "function")),
        detect("call.json", "{\"learning_rate\": 3e-4, \"function\": \"get_constant_schedule\", \"kwargs\": {}}"));
    assertEquals(List.of(new Candidate("anneal", "phases")), detect("s.json", "{\"phases\": [], \"after\": \"hold\"}"));
    assertEquals(List.of(new Candidate("anneal", "lr.phases")),
        detect("p.json", "{\"lr\": {\"phases\": []}, \"momentum\": {\"schedule\": {}, \"factor\": 2}}"));
    assertEquals(List.of(new Candidate("anneal", "learning_rate.phases")), detect("p.json", "{\"learning_rate\": {\"phases\": []}}"),
        "a channel named like a transformers field is still a channel");
    assertEquals(List.of(new Candidate("megatron", "flags, not JSON")), detect("flags.txt", "--lr 3e-4 --train-iters 1000\n"));
    assertEquals(List.of(new Candidate("megatron", "flags, not JSON")), detect(null, "#!/bin/bash\ntorchrun pretrain_gpt.py \\\n  --lr 3e-4\n"));
  }

  @Test
  void aNameThatSaysTheFormatDecidesWhereTheContentFitsNothingOrAgrees() {
    assertEquals(List.of(new Candidate("deepspeed", "the name ds_config*.json")), detect("ds_config.json", DS_CONFIG));
    assertEquals(List.of(new Candidate("deepspeed", "the name ds_config*.json")), detect("ds_config_zero2.json", "{\"fp16\": {}}"));
    assertEquals(List.of(new Candidate("megatron", "the name *.sh")), detect("pretrain.sh", "echo nothing here\n"));
  }

  @Test
  void aNameThatDisagreesWithTheContentIsASecondCandidate() {
    assertEquals(List.of(new Candidate("pytorch", "scheduler.kwargs"), new Candidate("deepspeed", "the name ds_config*.json")),
        detect("ds_config.json", PYTORCH));
  }

  @Test
  void contentThatFitsTwoFormatsGivesBothInTheOrderOfTheirNames() {
    String both = "{\"lr_scheduler_type\": \"linear\", \"scheduler\": {\"type\": \"WarmupLR\", \"params\": {}}}";

    assertEquals(List.of(new Candidate("transformers", "lr_scheduler_type"), new Candidate("deepspeed", "scheduler.params")),
        detect("both.json", both));
  }

  @Test
  void aMisspelledBlockStillTellsTheFormatSoThatItsReaderCanNameTheTypo() {
    assertEquals(List.of(new Candidate("deepspeed", "schedular.params")),
        detect("train.json", "{\"schedular\": {\"type\": \"WarmupLR\", \"params\": {}}}"));
  }

  @Test
  void aByteOrderMarkIsSkipped() {
    assertEquals(List.of(new Candidate("anneal", "phases")), detect("s.json", "\uFEFF{\"phases\": []}"));
    assertEquals(List.of(new Candidate("megatron", "flags, not JSON")), detect("f", "\uFEFF--lr 1"));
  }

  @Test
  void nothingFitsWhatNoFormatReads() {
    assertEquals(List.of(), detect("x.json", ""));
    assertEquals(List.of(), detect("x.json", "{}"));
    assertEquals(List.of(), detect("x.json", "{\"lr\": 3}"));
    assertEquals(List.of(), detect("x.json", "[1, 2]"));
    assertEquals(List.of(), detect("x.json", "{\"lr\": {\"phases\": [}}"), "not JSON: every JSON reader gives the same syntax error");
    assertEquals(List.of(), detect("notes.txt", "learning rate notes"));
    assertEquals(List.of(), detect(null, "{\"fp16\": {\"enabled\": true}}"), "fp16 is a transformers field and a DeepSpeed key");
  }
}
