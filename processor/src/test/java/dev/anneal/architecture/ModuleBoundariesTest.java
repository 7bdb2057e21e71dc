package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the processor: no DJL, runtime or command line,
 * and its pipeline flows one way (read → check → describe → write).
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void theProcessorKnowsNoRuntimeNorCommand() {
    noClasses().that().resideInAPackage("dev.anneal.processor..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "dev.anneal.runtime..", "dev.anneal.cli..")
        .check(MAIN);
  }

  @Test
  void thePipelineFlowsOneWay() {
    noClasses().that().resideInAPackage("dev.anneal.processor.read..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.processor.check..", "dev.anneal.processor.describe..", "dev.anneal.processor.write..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.anneal.processor.check..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.processor.describe..", "dev.anneal.processor.write..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.anneal.processor.describe..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.processor.write..")
        .check(MAIN);
  }

  @Test
  void onlyTheCodesFillTheirTemplates() {
    Boundaries.onlyCodesFillTemplates(MAIN);
  }
}
