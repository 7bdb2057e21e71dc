package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.geometry.Unit;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@link StepLength#parse}: the suffixes are exact decimal multiples, a plain number is updates as before. */
class StepLengthTest {
  @Test
  void suffixesMultiplyExactlyInDecimal() {
    // Megatron's parser gives int(66.88 * 1e6) = 66,879,999 in binary floating point; here 66.88 × 10^6 exactly.
    assertLength("66880000", Unit.TOKENS, StepLength.parse("66.88M:tokens"));
    assertLength("1500", Unit.SAMPLES, StepLength.parse("1.5k:samples"));
    assertLength("260000000000", Unit.TOKENS, StepLength.parse("260B:tokens"));
    assertLength("4300000000000", Unit.TOKENS, StepLength.parse("4.3T:tokens"));
    assertLength("375000000", Unit.TOKENS, StepLength.parse("375e6:tokens"));
    assertLength("2.5", Unit.EPOCHS, StepLength.parse("2.5:epochs"));
    assertLength("1000", Unit.UPDATES, StepLength.parse("1K:updates"));
  }

  @Test
  void aPlainNumberIsUpdatesEvenWhenTheCommandRefusesIt() {
    assertLength("-3", Unit.UPDATES, StepLength.parse("-3"));
    assertEquals("-3", StepLength.parse("-3").text());
    assertEquals("7", StepLength.parse("007").text());
  }

  @Test
  void aWordWithoutAColonKeepsPicocliMessage() {
    TypeConversionException refused = assertThrows(TypeConversionException.class, () -> StepLength.parse("many"));
    assertEquals("'many' is not a long", refused.getMessage());
  }

  @Test
  void everySuffixIsAPowerOfAThousand() {
    // Seeded: whole amounts with a suffix, checked against the amount with the zeros written out.
    Random random = new Random(15);
    String[] suffixes = {"K", "M", "B", "T"};
    for (int i = 0; i < 200; i++) {
      long whole = 1 + random.nextInt(1_000_000);
      int power = random.nextInt(4);
      String expected = whole + "000".repeat(power + 1);
      StepLength parsed = StepLength.parse(whole + suffixes[power] + ":samples");
      assertEquals(0, new BigDecimal(expected).compareTo(parsed.amount()), whole + suffixes[power]);
    }
  }

  private static void assertLength(String amount, Unit unit, StepLength parsed) {
    assertEquals(0, new BigDecimal(amount).compareTo(parsed.amount()), parsed.text());
    assertEquals(unit, parsed.unit());
  }
}
