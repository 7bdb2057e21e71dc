package dev.anneal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.Phase;
import org.junit.jupiter.api.Test;

/** Messages name shapes with the right article: "an exponential-to phase", never "a exponential-to phase". */
class ArticleTest {
  @Test
  void vowelsTakeAnExceptOne() {
    assertEquals("an exponential-to", Article.of("exponential-to"));
    assertEquals("an inverse-sqrt", Article.of("inverse-sqrt"));
    assertEquals("a one-minus-sqrt", Article.of("one-minus-sqrt"));
    assertEquals("a one-cycle", Article.of("one-cycle"));
    assertEquals("a cosine", Article.of("cosine"));
  }

  @Test
  void anOpenEndedExponentialToPhaseIsNamedWithAn() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> new Phase(new ExponentialTo(0.1, 0.001), Phase.OPEN));
    assertEquals(true, e.getMessage().startsWith("[NeedsLength] steps: an exponential-to phase needs a length in steps;"), e.getMessage());
  }
}
