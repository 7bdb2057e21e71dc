package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Python's own spellings: what {@code int()} and {@code float()} accept and what {@code repr()} writes. */
class PythonNumbersTest {
  @Test
  void reprWritesWhatPythonWrites() {
    assertEquals("0.0006", PythonNumbers.repr(6e-4));
    assertEquals("6e-05", PythonNumbers.repr(6e-5));
    assertEquals("0.0001", PythonNumbers.repr(1e-4));
    assertEquals("1.0", PythonNumbers.repr(1.0));
    assertEquals("4000.0", PythonNumbers.repr(4000.0));
    assertEquals("1e+16", PythonNumbers.repr(1e16));
    assertEquals("-2.5e-07", PythonNumbers.repr(-2.5e-7));
    assertEquals("0.0", PythonNumbers.repr(0.0));
    assertEquals("2.9999999999999997e-05", PythonNumbers.repr(3e-4 * 0.1));
  }

  @Test
  void intAcceptsWhatPythonsIntAccepts() {
    assertTrue(PythonNumbers.isInt("4000"));
    assertTrue(PythonNumbers.isInt("+4_000"));
    assertTrue(PythonNumbers.isInt("-5"));
    assertFalse(PythonNumbers.isInt("4000.0"));
    assertFalse(PythonNumbers.isInt("1e3"));
    assertFalse(PythonNumbers.isInt("4_"));
    assertEquals(4000L, PythonNumbers.parseLong("4_000"));
  }

  @Test
  void floatAcceptsWhatPythonsFloatAccepts() {
    for (String text : new String[] {"3e-4", "3E-4", ".5", "5.", "+1_000.5", "6e-05", "0"}) {
      assertTrue(PythonNumbers.isFiniteFloat(text), text);
    }
    for (String text : new String[] {"0x1p3", "1d", "1f", "", "e5", "1e", "1..2", "abc"}) {
      assertFalse(PythonNumbers.isFiniteFloat(text), text);
    }
    assertTrue(PythonNumbers.isNonFiniteFloat("nan"));
    assertTrue(PythonNumbers.isNonFiniteFloat("-Infinity"));
    assertEquals(1000.5, PythonNumbers.parseDouble("1_000.5"));
  }
}
