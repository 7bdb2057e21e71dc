package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/architecture.md for the runtime: DJL and the model, no command line. */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void theRuntimeKnowsNoCommandNorProcessor() {
    noClasses().that().resideInAPackage("dev.anneal.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.cli..", "dev.anneal.processor..", "picocli..", "org.knowm..")
        .check(MAIN);
  }

  @Test
  void onlyTheCodesFillTheirTemplates() {
    Boundaries.onlyCodesFillTemplates(MAIN);
  }
}
