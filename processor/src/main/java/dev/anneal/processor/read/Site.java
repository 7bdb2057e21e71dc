package dev.anneal.processor.read;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where something was written, as narrowly as known: the annotated element, the annotation on it
 * and the attribute value ({@code null} when the whole annotation is to blame). Diagnostics are
 * printed there.
 */
public record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {
  /** The same annotation, narrowed to one of its values. */
  public Site at(AnnotationValue narrower) {
    return new Site(element, annotation, narrower);
  }
}
