package dev.anneal.processor.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** Reading annotation mirrors without reflection on the annotation classes (they may not be loaded yet). */
final class Mirrors {
  private Mirrors() {}

  /** The mirror of the annotation named {@code qualifiedName} on {@code element}, if any. */
  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The attributes written explicitly, by name, in source order. */
  static Map<String, AnnotationValue> explicit(AnnotationMirror mirror) {
    Map<String, AnnotationValue> out = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      out.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
    return out;
  }

  /** The elements of an array value. */
  @SuppressWarnings("unchecked")
  static List<? extends AnnotationValue> array(AnnotationValue value) {
    Object raw = value.getValue();
    return raw instanceof List<?> ? (List<? extends AnnotationValue>) raw : List.of(value);
  }

  /** An enum constant's name. */
  static String enumName(AnnotationValue value) {
    return ((VariableElement) value.getValue()).getSimpleName().toString();
  }
}
