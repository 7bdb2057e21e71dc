package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the command: its helpers ({@code train},
 * {@code data}, {@code chart}, {@code audit}) know nothing of the commands that use them, and the
 * data, charts and audit nothing of training with DJL.
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void helpersKnowNoCommand() {
    noClasses().that().resideInAnyPackage("dev.anneal.cli.chart..", "dev.anneal.cli.data..", "dev.anneal.cli.train..", "dev.anneal.cli.audit..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Command")
        .check(MAIN);
  }

  @Test
  void chartsAndDataKnowNoTraining() {
    noClasses().that().resideInAnyPackage("dev.anneal.cli.chart..", "dev.anneal.cli.data..", "dev.anneal.cli.audit..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl.training..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.anneal.cli.data..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.cli.chart..", "dev.anneal.cli.train..")
        .check(MAIN);
  }

  @Test
  void theLibrariesKnowNoCommand() {
    noClasses().that().resideOutsideOfPackage("dev.anneal.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.cli..", "picocli..")
        .check(MAIN);
  }

  @Test
  void onlyTheCodesFillTheirTemplates() {
    Boundaries.onlyCodesFillTemplates(MAIN);
  }
}
