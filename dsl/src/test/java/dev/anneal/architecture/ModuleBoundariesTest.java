package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the model: it uses the JDK only (the Maven
 * enforcer keeps libraries out of the artifact; this keeps other Anneal modules out of the code),
 * and the builder and the geometry are the only packages above the schedule model.
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void theModelUsesTheJdkOnly() {
    noClasses().that().resideInAPackage("dev.anneal..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.anneal.config..", "com.fasterxml..", "org.apache.commons..", "ai.djl..", "dev.anneal.runtime..", "dev.anneal.cli..", "dev.anneal.processor..")
        .because("the model is the artifact users of generated classes depend on")
        .check(MAIN);
  }

  @Test
  void theSchedulesKnowNotHowTheyAreBuiltNorResumed() {
    noClasses().that().resideInAnyPackage("dev.anneal.schedule..", "dev.anneal.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.builder..", "dev.anneal.checkpoint..", "dev.anneal.annotation..", "dev.anneal.internal..",
            "dev.anneal.geometry..")
        .check(MAIN);
  }

  @Test
  void onlyTheCodesFillTheirTemplates() {
    Boundaries.onlyCodesFillTemplates(MAIN);
  }
}
