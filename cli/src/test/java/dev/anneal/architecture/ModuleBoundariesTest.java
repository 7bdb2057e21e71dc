package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the command: its helpers ({@code train},
 * {@code data}, {@code chart}) know nothing of the commands that use them.
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  @Test
  void chartsAndDataKnowNoCommand() {
    noClasses().that().resideInAnyPackage("dev.anneal.cli.chart..", "dev.anneal.cli.data..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.anneal.cli", "dev.anneal.cli.train..", "ai.djl.training..")
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
