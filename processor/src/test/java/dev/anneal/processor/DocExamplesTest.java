package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The annotation examples of the README and docs/annotations.md, compiled with the processor as
 * they are written: every {@code java} block that declares a schedule or a plan is a whole source
 * file (imports included), and a block that follows it starting with {@code // Using it} is
 * compiled as the body of a method beside it. Any diagnostic fails the test, so the documents
 * cannot drift from what the processor accepts and generates.
 */
class DocExamplesTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_NAME = Pattern.compile("public (?:interface|record|final class|class) (\\w+)");

  static Stream<String> documents() {
    return Stream.of("README.md", "docs/annotations.md");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyExampleCompilesWithoutADiagnostic(String document) throws IOException {
    String text = Files.readString(Path.of(System.getProperty("project.root", "..")).resolve(document), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher matcher = JAVA_BLOCK.matcher(text);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    List<JavaFileObject> sources = new ArrayList<>();
    int uses = 0;
    for (int i = 0; i < blocks.size(); i++) {
      String block = blocks.get(i);
      if (!block.contains("@TrainingSchedule") && !block.contains("@TrainingPlan")) {
        continue; // excerpts of generated code, and @CheckedConfig examples whose resources live in the reader's project
      }
      assertTrue(block.contains("import static dev.anneal.annotation.Curve.*;"), document + ": an example without its imports:\n" + block);
      Matcher name = TYPE_NAME.matcher(block);
      assertTrue(name.find(), document + ": an example with no public type:\n" + block);
      sources.add(JavaFileObjects.forSourceString(name.group(1), block));
      if (i + 1 < blocks.size() && blocks.get(i + 1).startsWith("// Using it")) {
        uses++;
        String use = "final class Use" + uses + " {\n  void use() {\n" + blocks.get(i + 1) + "  }\n}\n";
        sources.add(JavaFileObjects.forSourceString("Use" + uses, use));
      }
    }
    assertTrue(sources.size() >= 4, document + " has fewer examples than it shows: " + sources.size());
    Compilation compilation = Compile.compile(sources.toArray(JavaFileObject[]::new));
    assertEquals(List.of(), Compile.diagnostics(compilation), document + ": its examples compile without a diagnostic, -Xlint:all included");
  }
}
