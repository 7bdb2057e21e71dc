package dev.anneal.processor.check;

import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.read.Declaration;
import dev.anneal.processor.read.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;

/**
 * Whether the generated class can use the record a parameterized schedule is declared on. The
 * generated class is a separate top-level class in the record's package that takes the record as
 * its config: it cannot name a private record (or one nested in a private type), and it could only
 * use a generic record raw, which {@code -Xlint:rawtypes} warns about inside generated code. Both
 * are reported on the record instead, before anything is generated. A fixed schedule's generated
 * class never names the annotated type, so these limits do not apply to it.
 */
final class RecordAccess {
  private RecordAccess() {}

  static List<Finding> check(Declaration declaration) {
    List<Finding> out = new ArrayList<>();
    if (!declaration.parameterized()) {
      return out;
    }
    TypeElement record = declaration.type();
    Site onRecord = new Site(record, null, null);
    String name = String.join(".", declaration.simpleNames());
    for (Element current = record; current instanceof TypeElement type; current = current.getEnclosingElement()) {
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        String privateType = String.join(".", declaration.simpleNames().subList(0, depth(type)));
        out.add(new Finding(ProcessorCode.privateRecord(declaration.generatedName(), name, privateType), onRecord));
        break;
      }
    }
    if (!record.getTypeParameters().isEmpty()) {
      String parameters = record.getTypeParameters().stream()
          .map(TypeParameterElement::getSimpleName)
          .map(Object::toString)
          .collect(Collectors.joining(", ", "<", ">"));
      out.add(new Finding(ProcessorCode.genericRecord(name, parameters, declaration.generatedName()), onRecord));
    }
    return out;
  }

  /** How many types enclose {@code type}, itself included: 1 for a top-level type. */
  private static int depth(TypeElement type) {
    int depth = 0;
    for (Element current = type; current instanceof TypeElement; current = current.getEnclosingElement()) {
      depth++;
    }
    return depth;
  }
}
