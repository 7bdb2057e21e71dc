package dev.anneal.config.anneal;

import static dev.anneal.geometry.Unit.EPOCHS;
import static dev.anneal.geometry.Unit.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.builder.Schedules;
import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Step sizes, milestones and phase lengths in units give the same schedule through the builder as
 * through Anneal JSON: both resolve each length from its phase's start by the geometry's rules.
 */
class BuilderUnitsParityTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  private static void assertSameEveryStep(Schedule built, Schedule read, long steps) {
    assertEquals(built, read);
    for (long step = 0; step < steps; step++) {
      assertEquals(Double.doubleToLongBits(built.valueAt(step)), Double.doubleToLongBits(read.valueAt(step)), "step " + step);
    }
  }

  @Test
  void theResNetExampleIsTheBuilderSchedule() throws IOException {
    String json = Files.readString(Path.of("..", "examples", "resnet50-imagenet-epochs.json"));
    RunGeometry imagenet = RunGeometry.builder().datasetSize(1_281_167).batchSize(256).build();
    Schedule built = Schedules.milestones(0.1, 0.1, Length.epochs(30), Length.epochs(60), Length.epochs(80)).over(90, EPOCHS)
        .steppedPerEpoch().build(imagenet);
    Schedule read = FORMAT.read(json).plan().lr();
    assertEquals(built, read);
    for (long step = 0; step < 500_000; step += 1_001) {
      assertEquals(Double.doubleToLongBits(built.valueAt(step)), Double.doubleToLongBits(read.valueAt(step)), "step " + step);
    }
  }

  @Test
  void milestonesAndAStepSizeInTokensDuringABatchRampAgree() {
    // A ramp from 2 to 8 sequences of 16 tokens in increments of 2 over 600 samples, and phases
    // that start inside it, so that every length is measured from a start with a growing batch.
    String json = """
        {
          "geometry": {"sequence_length": 16, "batch_ramp": {"start": 2, "increment": 2, "full": 8, "samples": 600}},
          "lr": {"phases": [
            {"shape": "linear", "from": 0, "to": 1, "steps": {"tokens": 1000}},
            {"shape": "milestones", "from": 1, "factor": 0.5, "milestones": [{"tokens": 2000}, {"samples": 300}, 250], "steps": {"tokens": 20000}},
            {"shape": "step", "from": 0.25, "every": {"tokens": 4096}, "factor": 0.5, "steps": "forever"}
          ]}
        }
        """;
    RunGeometry geometry = RunGeometry.builder().sequenceLength(16).batchSchedule(new BatchRamp(2, 2, 600, 8)).build();
    Schedule built = Schedules.linear(0, 1).over(1_000, TOKENS)
        .then().milestones(0.5, Length.tokens(2_000), Length.samples(300), Length.updates(250)).over(20_000, TOKENS)
        .then().stepDecay(Length.tokens(4_096), 0.5).forever()
        .build(geometry);
    Schedule read = FORMAT.read(json).plan().lr();
    // The milestone phase lasts fewer than 250 updates, so it ends after two halvings, at the 0.25
    // the JSON's last phase starts from (the builder's starts where the previous phase ends).
    assertEquals(true, read.phases().get(1).steps() < 250);
    assertSameEveryStep(built, read, 3_000);
  }
}
