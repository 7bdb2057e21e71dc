package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax errors read as a config author's words: where, what is wrong and the fix, never Jackson's
 * class or feature names ({@code JsonReadFeature}, {@code StreamReadFeature}, {@code ALLOW_COMMENTS})
 * nor character codes.
 */
class JsonSyntaxMessagesTest {
  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("{\"a\": [1, 2}", "[InvalidJson] line 1, column 12: unexpected close marker '}': expected ']' to close the array "
            + "opened at line 1, column 7"),
        Arguments.of("{\n\"a\": {\"b\": 1", "[InvalidJson] line 2, column 13: unexpected end-of-input: expected '}' to close the object "
            + "opened at line 2, column 6"),
        Arguments.of("}", "[InvalidJson] line 1, column 1: unexpected close marker '}': no object or array is open"),
        Arguments.of("{\"a\": 1]", "[InvalidJson] line 1, column 8: unexpected close marker ']': expected '}' to close the object opened at "
            + "line 1, column 1"),
        Arguments.of("{\"a\": +1}", "[InvalidJson] line 1, column 8: unexpected character ('+') in numeric value: JSON numbers have no "
            + "plus sign; remove it"),
        Arguments.of("// lr\n{}", "[InvalidJson] line 1, column 1: unexpected character ('/'): JSON has no comments; remove it"),
        Arguments.of("{\"a\": 1,}", "[InvalidJson] line 1, column 9: unexpected character ('}'): was expecting double-quote to start field name"),
        Arguments.of("{\"a\": tru}", "[InvalidJson] line 1, column 10: unrecognized token 'tru': was expecting (a string, number, array, "
            + "object, true, false or null)"),
        Arguments.of("{\"a\": \"\\q\"}", "[InvalidJson] line 1, column 9: unrecognized character escape 'q'"),
        Arguments.of("{\"a\": \"x\ny\"}", "[InvalidJson] line 1, column 9: illegal unquoted character (control character 10): has to be "
            + "escaped using backslash to be included in string value"));
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void aSyntaxErrorNamesWhereAndWhatInTheAuthorsTerms(String text, String expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Json.parse(text));

    assertEquals(expected, e.violations().get(0).toString());
    assertEquals(1, e.violations().size());
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void noMessageNamesJacksonsApi(String text, String expected) {
    String message = assertThrows(InvalidScheduleException.class, () -> Json.parse(text)).violations().get(0).message();

    for (String internal : new String[] {"Feature", "REDACTED", "Source:", "jackson", "(code "}) {
      assertEquals(-1, message.indexOf(internal), internal + " in: " + message);
    }
  }
}
