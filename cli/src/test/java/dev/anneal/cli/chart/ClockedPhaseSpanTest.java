package dev.anneal.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.anneal.AnnealFormat;
import dev.anneal.schedule.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chart marks the phases of a schedule clocked in tokens at updates: the GPT-3 175B example's
 * warm-up ends at update 11,445, the first whose tokens reach 375M, and its cosine at 159,835, the
 * first to reach 260B (the geometry's boundaries, {@code AnnealGeometryFormatTest}).
 */
class ClockedPhaseSpanTest {
  @Test
  void theSpansOfAClockedScheduleAreInUpdates() throws IOException {
    var lr = new AnnealFormat().read(Files.readString(Path.of("..", "examples", "gpt3-175b-tokens.json"))).plan().lr();
    assertEquals(List.of(new PhaseSpan(0, 0, 11_445, "linear", "linear warm-up"), new PhaseSpan(1, 11_445, 159_835, "cosine", "cosine decay"),
        new PhaseSpan(2, 159_835, Phase.OPEN, "constant", "constant")), PhaseSpan.of(lr));
  }
}
