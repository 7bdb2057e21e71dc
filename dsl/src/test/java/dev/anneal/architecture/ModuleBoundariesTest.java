package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md for the model and the formats: the model
 * (schedule, builder, rules, checkpoint, annotation, internal) uses the JDK only, so that users of
 * generated classes pull in no Jackson; a format reads no other format's package.
 */
class ModuleBoundariesTest {
  private static final JavaClasses MAIN = Boundaries.mainClasses();

  private static final String[] MODEL = {
    "dev.anneal.schedule..", "dev.anneal.builder..", "dev.anneal.rules..", "dev.anneal.checkpoint..", "dev.anneal.annotation..", "dev.anneal.internal.."
  };

  @Test
  void theModelUsesTheJdkOnly() {
    noClasses().that().resideInAnyPackage(MODEL)
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.anneal.config..", "com.fasterxml..", "org.apache.commons..", "ai.djl..", "dev.anneal.runtime..", "dev.anneal.cli..", "dev.anneal.processor..")
        .because("the model is the artifact users of generated classes depend on")
        .check(MAIN);
  }

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
