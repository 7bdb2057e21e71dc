package dev.anneal.processor;

import dev.anneal.annotation.CheckedConfig;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.processor.check.Finding;
import dev.anneal.processor.read.Site;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Checks the config resources named by {@code @CheckedConfig}: reads each from the class path (or
 * the source path) through the {@link Filer}, parses it with the format's reader, and turns its
 * errors and warnings into findings on the annotation's {@code resource} value ({@code format}
 * for an unknown format). A resource that cannot be found, or is written with a leading {@code /},
 * is reported on {@code resource} too, saying where the processor looks.
 */
final class ConfigResources {
  private final Filer filer;

  ConfigResources(Filer filer) {
    this.filer = filer;
  }

  List<Finding> check(TypeElement type) {
    List<Finding> out = new ArrayList<>();
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(CheckedConfig.class.getCanonicalName())) {
        check(type, mirror, out);
      } else if (name.equals(dev.anneal.annotation.CheckedConfigs.class.getCanonicalName())) {
        Object repeated = value(mirror, "value").map(AnnotationValue::getValue).orElse(List.of());
        for (AnnotationValue inner : castValues((List<?>) repeated)) {
          check(type, (AnnotationMirror) inner.getValue(), mirror, inner, out);
        }
      }
    }
    return out;
  }

  private static List<AnnotationValue> castValues(List<?> list) {
    List<AnnotationValue> out = new ArrayList<>();
    for (Object item : list) {
      out.add((AnnotationValue) item);
    }
    return out;
  }

  private void check(TypeElement type, AnnotationMirror mirror, List<Finding> out) {
    check(type, mirror, mirror, null, out);
  }

  /**
   * @param inner the {@code @CheckedConfig} itself
   * @param outer the annotation written on the type (the container when repeated)
   * @param innerValue the container's value holding {@code inner}, or {@code null}
   */
  private void check(TypeElement type, AnnotationMirror inner, AnnotationMirror outer, AnnotationValue innerValue, List<Finding> out) {
    Optional<AnnotationValue> formatValue = value(inner, "format");
    Optional<AnnotationValue> resourceValue = value(inner, "resource");
    if (formatValue.isEmpty() || resourceValue.isEmpty()) {
      return; // javac reports the missing attribute
    }
    Site atFormat = new Site(type, outer, formatValue.get());
    Site atResource = new Site(type, outer, resourceValue.get());
    String format = (String) formatValue.get().getValue();
    String resource = (String) resourceValue.get().getValue();
    ConfigFormat reader;
    try {
      reader = Formats.byName(format);
    } catch (InvalidScheduleException e) {
      e.violations().forEach(v -> out.add(new Finding(v.relocated("format", null, null), atFormat)));
      return;
    }
    if (resource.startsWith("/")) {
      // The Filer takes names relative to a location's roots; Class.getResource's leading '/' is refused.
      out.add(new Finding(ProcessorCode.absoluteResourcePath("resource", resource, resource.replaceFirst("^/+", "")), atResource));
      return;
    }
    Optional<String> text = read(resource);
    if (text.isEmpty()) {
      out.add(new Finding(ConfigCode.unreadableFile("resource", resource, resource, notFound(resource)), atResource));
      return;
    }
    try {
      Imported imported = reader.read(text.get());
      for (Violation warning : warnings(imported)) {
        out.add(new Finding(inFile(warning, resource), atResource));
      }
    } catch (InvalidScheduleException e) {
      for (Violation violation : e.violations()) {
        out.add(new Finding(inFile(violation, resource), atResource));
      }
    }
  }

  /**
   * The format's warnings, then the plan's that the format has not already reported: a format may
   * report a plan rule at the config key that causes it (transformers reports {@code
   * FirstUpdateAtZero} at {@code warmup_steps}), and the same finding must not print again under
   * the plan's own path.
   */
  private static List<Violation> warnings(Imported imported) {
    Set<String> seen = new LinkedHashSet<>();
    List<Violation> out = new ArrayList<>();
    for (Violation warning : imported.warnings()) {
      if (seen.add(warning.toString())) {
        out.add(warning);
      }
    }
    Set<DiagnosticCode> reported = new HashSet<>();
    imported.warnings().forEach(warning -> reported.add(warning.code()));
    for (Violation warning : imported.plan().warnings()) {
      if (!reported.contains(warning.code()) && seen.add(warning.toString())) {
        out.add(warning);
      }
    }
    return out;
  }

  /** Why a resource was not found, where the processor looked, and how to fix it. */
  private static String notFound(String resource) {
    return "no such resource on the class path or the source path; the processor reads it through the Filer, relative to the roots of the"
        + " class path (where Maven and Gradle copy src/main/resources before compiling) and of the source path: put the file at"
        + " src/main/resources/" + resource + " or correct the path";
  }

  /** The violation with the resource's name before its path: {@code ds_config.json: scheduler.params.warmup_num_steps}. */
  private static Violation inFile(Violation violation, String resource) {
    String path = violation.path().isEmpty() ? resource : resource + ": " + violation.path();
    return new Violation(violation.code(), path, violation.message(), violation.value());
  }

  private Optional<String> read(String resource) {
    for (StandardLocation location : List.of(StandardLocation.CLASS_PATH, StandardLocation.SOURCE_PATH)) {
      try {
        FileObject file = filer.getResource(location, "", resource);
        return Optional.of(file.getCharContent(true).toString());
      } catch (IOException | IllegalArgumentException e) {
        // not in this location: try the next
      }
    }
    return Optional.empty();
  }

  private static Optional<AnnotationValue> value(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }
}
