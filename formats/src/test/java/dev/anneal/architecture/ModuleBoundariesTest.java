package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the formats: no DJL, runtime, command line or
 * processor, and a format reads no other format's package (what formats share lives in {@code
 * dev.anneal.config}).
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void theFormatsUseNoRuntimeNorCommand() {
    noClasses().that().resideInAPackage("dev.anneal.config..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "dev.anneal.runtime..", "dev.anneal.cli..", "dev.anneal.processor..", "picocli..")
        .check(MAIN);
  }

  @Test
  void eachFormatReadsNoOtherFormat() {
    String[] formats = {"anneal", "deepspeed", "megatron", "pytorch", "transformers"};
    for (String format : formats) {
      String[] others = Arrays.stream(formats).filter(f -> !f.equals(format)).map(f -> "dev.anneal.config." + f + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("dev.anneal.config." + format + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("what formats share lives in dev.anneal.config")
          .check(MAIN);
    }
  }

  @Test
  void onlyTheCodesFillTheirTemplates() {
    Boundaries.onlyCodesFillTemplates(MAIN);
  }
}
