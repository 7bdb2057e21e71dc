package dev.anneal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;

/** Rules every module's {@code ModuleBoundariesTest} checks on its own classes. */
public final class Boundaries {
  private Boundaries() {}

  /** The main classes of the module under test (and those of the modules it depends on). */
  public static JavaClasses mainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test jars
        .importPackages("dev.anneal");
  }

  /**
   * Only a code's own enum fills its template: everything else creates a violation through the
   * code's typed factory, so a message and its arguments cannot drift apart.
   */
  public static void onlyCodesFillTemplates(JavaClasses classes) {
    noClasses().that().doNotImplement(DiagnosticCode.class).and().doNotBelongToAnyOf(MessageTemplate.class)
        .should().callMethod(MessageTemplate.class, "violation", DiagnosticCode.class, String.class, Object.class, Object[].class)
        .because("a code's factory is the only way to create its violation")
        .check(classes);
  }
}
