package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.FormatDetection;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A top-level {@code "description"}: prose about the file, which sets nothing and is no channel. */
class AnnealDescriptionTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();
  private static final String PHASES = "{\"phases\": [{\"shape\": \"constant\", \"value\": 1, \"steps\": 10}]}";

  @Test
  void aDescriptionBesideTheChannelsIsNoChannel() {
    Plan described = FORMAT.read("{\"description\": \"a paper's schedule\", \"lr\": " + PHASES + "}").plan();
    assertEquals(FORMAT.read("{\"lr\": " + PHASES + "}").plan(), described);
    assertEquals(List.of("lr"), List.copyOf(described.channels().keySet()));
  }

  @Test
  void aSingleScheduleMayHaveOne() {
    String single = "{\"description\": \"a paper's schedule\", " + PHASES.substring(1);
    assertEquals(FORMAT.read(PHASES).plan(), FORMAT.read(single).plan());
  }

  @Test
  void aPlanWithADescriptionIsDetectedAsAnnealJson() {
    String text = "{\"description\": \"a paper's schedule\", \"geometry\": {\"updates_per_epoch\": 4}, \"lr\": " + PHASES + "}";
    assertEquals(List.of("anneal"), FormatDetection.candidates("plan.json", text).stream().map(c -> c.format()).toList());
  }

  @Test
  void aDescriptionThatIsNoStringIsRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> FORMAT.read("{\"description\": 3, \"lr\": " + PHASES + "}"));
    assertEquals(List.of("[WrongType] description: expected a string, found 3"), e.violations().stream().map(Violation::toString).toList());
  }
}
