package dev.anneal.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another annotation processor of the same build that generates one class in the first round: run
 * before Anneal's, it makes the {@code Filer} refuse Anneal's file of that name, a failure the
 * Anneal processor cannot foresee and reports as {@code ProcessorFailure}.
 */
final class SameClassProcessor extends AbstractProcessor {
  private final String qualifiedName;
  private boolean done;

  SameClassProcessor(String qualifiedName) {
    this.qualifiedName = qualifiedName;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done) {
      return false;
    }
    done = true;
    int dot = qualifiedName.lastIndexOf('.');
    try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
      out.write("package " + qualifiedName.substring(0, dot) + ";\n\nfinal class " + qualifiedName.substring(dot + 1) + " {}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }
}
