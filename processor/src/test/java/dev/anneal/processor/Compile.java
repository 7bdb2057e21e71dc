package dev.anneal.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles sources in memory with the processor, as a user's build would. */
final class Compile {
  /** What every test source starts with: the annotated type's annotation begins on line {@link #FIRST_LINE}. */
  static final String HEADER = """
      package test;

      import static dev.anneal.annotation.Curve.*;

      import dev.anneal.annotation.*;
      import dev.anneal.schedule.AfterEnd;

      """;

  static final int FIRST_LINE = 8;

  private Compile() {}

  static Compilation compile(JavaFileObject... sources) {
    // -Xlint:-processing: the processor never claims its annotations, which that lint would warn about.
    return Compiler.javac().withProcessors(new AnnealProcessor()).withOptions("-Xlint:all", "-Xlint:-processing").compile(sources);
  }

  /** As {@link #compile}, with {@code others} run before the Anneal processor in each round. */
  static Compilation compile(List<Processor> others, JavaFileObject... sources) {
    List<Processor> processors = new java.util.ArrayList<>(others);
    processors.add(new AnnealProcessor());
    return Compiler.javac().withProcessors(processors).withOptions("-Xlint:all", "-Xlint:-processing").compile(sources);
  }

  /** As {@link #compile}, in a build that fails on any warning ({@code -Werror}), as strict projects build. */
  static Compilation compileWithWerror(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new AnnealProcessor()).withOptions("-Xlint:all", "-Xlint:-processing", "-Werror").compile(sources);
  }

  /** {@code test.<name>}: the header, {@code annotations}, then {@code declaration}. */
  static JavaFileObject source(String name, String annotations, String declaration) {
    return JavaFileObjects.forSourceString("test." + name, HEADER + annotations + "\n" + declaration + "\n");
  }

  /** An interface {@code name} carrying {@code annotations}. */
  static JavaFileObject type(String name, String annotations) {
    return source(name, annotations, "interface " + name + " {}");
  }

  /** Every diagnostic as {@code File.java:LINE: KIND message}, in the order javac printed them. */
  static List<String> diagnostics(Compilation compilation) {
    return compilation.diagnostics().stream().map(Compile::show).toList();
  }

  private static String show(Diagnostic<? extends JavaFileObject> diagnostic) {
    String file = diagnostic.getSource() == null ? "?" : diagnostic.getSource().getName();
    file = file.substring(file.lastIndexOf('/') + 1);
    return file + ":" + diagnostic.getLineNumber() + ": " + diagnostic.getKind() + " " + diagnostic.getMessage(Locale.ROOT);
  }

  /** The generated source {@code qualifiedName}, as text. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName).orElseThrow(() -> new AssertionError("no generated " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over the compilation's class files, its parent the test's. */
  static ClassLoader classes(Compilation compilation) {
    return new ClassLoader(Compile.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = "/CLASS_OUTPUT/" + name.replace('.', '/') + ".class";
        for (JavaFileObject file : compilation.generatedFiles()) {
          if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
            try (InputStream in = file.openInputStream()) {
              byte[] bytes = in.readAllBytes();
              return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
              throw new ClassNotFoundException(name, e);
            }
          }
        }
        throw new ClassNotFoundException(name);
      }
    };
  }
}
