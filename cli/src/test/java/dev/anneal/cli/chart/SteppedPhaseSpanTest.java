package dev.anneal.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Formats;
import dev.anneal.schedule.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chart marks the phases of a schedule stepped per epoch at updates, not at its own steps: the
 * step-then-plateau example (1,438 rows in batches of 32: 45 updates per epoch) decays for 20
 * epochs, so its plateau phase begins at update 900, where epoch 20 begins (not at step 20).
 */
class SteppedPhaseSpanTest {
  @Test
  void theSpansOfAScheduleSteppedPerEpochAreInUpdates() throws IOException {
    var lr = Formats.byName("anneal").read(Files.readString(Path.of("..", "examples", "pytorch-epoch-step-then-plateau.json"))).plan().lr();

    List<PhaseSpan> spans = PhaseSpan.of(lr);

    assertEquals(List.of(new PhaseSpan(0, 0, 900, spans.get(0).kind(), spans.get(0).name()),
        new PhaseSpan(1, 900, Phase.OPEN, spans.get(1).kind(), spans.get(1).name())), spans);
  }
}
