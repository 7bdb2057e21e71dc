package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each diagnostic the processor reports, from a source that triggers it: file, line and the complete list. */
class DiagnosticsTest {
  static Stream<Cases.Case> cases() {
    return Cases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheseDiagnostics(Cases.Case example) {
    Compilation compilation = Compile.compile(example.alongside(), example.sources().toArray(javax.tools.JavaFileObject[]::new));
    if (Boolean.getBoolean("print.diagnostics")) {
      System.out.println("== " + example);
      Compile.diagnostics(compilation).forEach(d -> System.out.println("\"" + d.replace("\"", "\\\"") + "\""));
    }
    assertThat(Compile.diagnostics(compilation)).containsExactlyElementsIn(example.expected()).inOrder();
  }
}
