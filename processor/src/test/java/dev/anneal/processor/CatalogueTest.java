package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.anneal.processor.Compile.type;

import com.google.testing.compile.Compilation;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.RuleCode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The meta-test: every code the processor can report has a case, and every case is about such a code. */
class CatalogueTest {
  @Test
  void everyReportableCodeHasATestThatTriggersIt() {
    Set<DiagnosticCode> tested = new HashSet<>();
    Cases.all().forEach(c -> tested.add(c.code()));
    assertThat(tested).containsExactlyElementsIn(Reportable.CODES);
  }

  @Test
  void eachCaseReportsItsOwnCode() {
    for (Cases.Case example : Cases.all()) {
      assertThat(String.join("\n", example.expected())).contains("[" + example.code().id() + "]");
    }
  }

  @Test
  void everyProcessorCodeIsReportable() {
    // CONDITION_NOT_MET, raised by generated validators at run time, is the model's (RuleCode), tested in ValidatorTest.
    assertThat(Reportable.CODES).containsAtLeastElementsIn(EnumSet.allOf(ProcessorCode.class));
  }

  @Test
  void warningsAreSuppressedByNameOnTheTypeOrAnEnclosingOne() {
    String jump = "@TrainingSchedule(phases = {\n    " + Cases.WARMUP + ",\n    @PhaseSpec(shape = COSINE, steps = \"100\", from = \"2e-3\", to = \"0\")})";
    Compilation byCode = Compile.compile(type("Jump", "@SuppressWarnings(\"anneal:JumpBetweenPhases\")\n" + jump));
    Compilation byAll = Compile.compile(type("Jump", "@SuppressWarnings(\"anneal\")\n" + jump));
    Compilation otherCode = Compile.compile(type("Jump", "@SuppressWarnings(\"anneal:FirstUpdateAtZero\")\n" + jump));
    assertThat(Compile.diagnostics(byCode)).isEmpty();
    assertThat(Compile.diagnostics(byAll)).isEmpty();
    assertThat(Compile.diagnostics(otherCode)).containsExactly(
        "Jump.java:11: WARNING [JumpBetweenPhases] phases[1].from: phase 1 starts at 0.002 but phase 0 ends at 0.001; leave `from` out to start where the previous phase ends");
  }

  @Test
  void oneBadTypeDoesNotStopTheOthers() {
    Compilation compilation = Compile.compile(
        type("Bad", "@TrainingSchedule(phases = @PhaseSpec(shape = COSINE, steps = \"0\", from = \"1\", to = \"0\"))"),
        type("Next", "@TrainingSchedule(phases = @PhaseSpec(shape = COSINE, steps = \"10\", from = \"0\", to = \"1\"))"));
    // The second type is still read and checked (its note is printed) after the first failed.
    assertThat(Compile.diagnostics(compilation)).containsExactly(
        "Bad.java:8: ERROR [NonPositiveLength] phases[0].steps: steps (0) must be at least 1",
        "Next.java:8: NOTE [FirstUpdateAtZero] phases[0].from: the first update uses a learning rate of 0 (the value at step 0 is 0); it changes nothing");
  }
}
