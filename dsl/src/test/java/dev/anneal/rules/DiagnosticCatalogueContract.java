package dev.anneal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one meta-test over diagnostic codes, run by every module over the codes it owns (a module's
 * {@code DiagnosticCatalogueTest} extends it and names its enums). It checks that each code:
 * follows the message grammar; has exactly one factory, named after its id, whose parameters are
 * the template's placeholders (plus the {@code path} and the offending {@code value}); puts each
 * argument in its own place; is reported somewhere in the main sources; has a test that asserts
 * its full message; and is listed, with the same owner, severity and template, once in {@code
 * docs/diagnostics.md}, so that ids are unique across modules and cannot change unnoticed. Run
 * with {@code -Ddiagnostics.update=true} to rewrite this module's rows of that document.
 */
public abstract class DiagnosticCatalogueContract {
  private static final Path DOCUMENT = Path.of("docs", "diagnostics.md");
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| `([\\w.]+)` \\| (\\w+) \\| (.*) \\|$");
  private static final Set<String> LOCATION_PARAMETERS = Set.of("path", "value");

  /** The enums of diagnostic codes this module owns, each implementing {@link DiagnosticCode}. */
  protected abstract List<Class<? extends DiagnosticCode>> ownedCodes();

  private List<DiagnosticCode> codes() {
    List<DiagnosticCode> codes = new ArrayList<>();
    for (Class<? extends DiagnosticCode> owner : ownedCodes()) {
      assertTrue(owner.isEnum(), owner.getName() + " must be an enum");
      codes.addAll(List.of(owner.getEnumConstants()));
    }
    return codes;
  }

  @TestFactory
  Stream<DynamicTest> templatesFollowTheGrammar() {
    return codes().stream().map(code -> dynamicTest(code.id(), () -> checkGrammar(code)));
  }

  private static void checkGrammar(DiagnosticCode code) {
    String template = code.template();
    assertTrue(!template.contains("%"), code.id() + ": no printf conversions");
    assertTrue(!template.endsWith("."), code.id() + ": no final period");
    // Lower case, as Error Prone's summaries; a proper noun written in camel case (DeepSpeed) may lead.
    assertTrue(!template.matches("(?s)[A-Z][a-z]*\\b.*"), code.id() + ": starts in lower case, a placeholder or a proper noun");
    assertTrue(MessageTemplate.PLACEHOLDER.matcher(template).replaceAll("").trim().length() > 3,
        code.id() + ": words around the placeholders, not a pass-through");
    List<String> names = MessageTemplate.placeholders(template);
    for (String name : names) {
      assertTrue(!name.matches("arg\\d+"), code.id() + ": placeholders are named, not numbered: {" + name + "}");
    }
  }

  @TestFactory
  Stream<DynamicTest> eachCodeHasOneFactoryNamedAfterIt() {
    return codes().stream().map(code -> dynamicTest(code.id(), () -> checkOneFactory(code)));
  }

  private static void checkOneFactory(DiagnosticCode code) {
    List<Method> factories = factories(code);
    assertEquals(1, factories.size(),
        code.id() + " needs exactly one public static factory " + factoryName(code) + "(…) returning Violation");
  }

  @TestFactory
  Stream<DynamicTest> factoryParametersAreThePlaceholders() {
    return codes().stream().map(code -> dynamicTest(code.id(), () -> checkParameters(code)));
  }

  private static void checkParameters(DiagnosticCode code) {
    for (Method factory : factories(code)) {
      List<String> parameters = new ArrayList<>();
      parameters.addAll(parameterNames(factory));
      Set<String> placeholders = new HashSet<>(MessageTemplate.placeholders(code.template()));
      assertTrue(parameters.containsAll(placeholders),
          code.id() + ": every placeholder " + placeholders + " is a parameter of " + factory.getName() + parameters);
      Set<String> extra = new HashSet<>(parameters);
      extra.removeAll(placeholders);
      extra.removeAll(LOCATION_PARAMETERS);
      assertEquals(Set.of(), extra, code.id() + ": parameters of " + factory.getName() + " that fill no placeholder");
    }
  }

  @TestFactory
  Stream<DynamicTest> factoriesPutEachArgumentInItsPlace() {
    return codes().stream().map(code -> dynamicTest(code.id(), () -> checkArguments(code)));
  }

  private static void checkArguments(DiagnosticCode code) throws IllegalAccessException {
    for (Method factory : factories(code)) {
      Parameter[] parameters = factory.getParameters();
      List<String> parameterNames = parameterNames(factory);
      Object[] arguments = new Object[parameters.length];
      Map<String, String> shown = new LinkedHashMap<>();
      for (int i = 0; i < parameters.length; i++) {
        arguments[i] = sentinel(parameters[i].getType(), i);
        if (arguments[i] != null) {
          // A list's sample has one item; the factory may join the items however its grammar says.
          shown.put(parameterNames.get(i), arguments[i] instanceof List<?> list ? Values.show(list.get(0)) : Values.show(arguments[i]));
        }
      }
      Violation violation;
      try {
        violation = (Violation) factory.invoke(null, arguments);
      } catch (InvocationTargetException e) {
        throw new AssertionError(code.id() + ": " + factory.getName() + " failed on distinct sample arguments", e.getCause());
      }
      assertEquals(code, violation.code());
      Matcher matcher = shape(code.template()).matcher(violation.message());
      assertTrue(matcher.matches(), code.id() + ": the message follows the template: " + violation.message());
      List<String> names = MessageTemplate.placeholders(code.template());
      for (int i = 0; i < names.size(); i++) {
        String expected = shown.get(names.get(i));
        if (expected != null) {
          assertTrue(matcher.group(i + 1).contains(expected),
              code.id() + ": placeholder {" + names.get(i) + "} holds the argument of that name, " + expected + ": " + violation.message());
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCodeIsReportedSomewhere() {
    String main = sources("main");
    return codes().stream().map(code -> dynamicTest(code.id(), () -> {
      Class<?> owner = ((Enum<?>) code).getDeclaringClass();
      boolean qualified = main.contains(owner.getSimpleName() + "." + factoryName(code) + "(");
      boolean imported = main.contains("import static " + owner.getName() + "." + factoryName(code) + ";");
      assertTrue(qualified || imported,
          code.id() + " (" + owner.getSimpleName() + "." + factoryName(code) + ") is never reported by the main sources");
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCodeHasATestOfItsFullMessage() {
    String tests = sources("test");
    return codes().stream().map(code -> dynamicTest(code.id(), () -> {
      // A test asserts a whole line: "[Id] path: message" or "[Id] message", more than the id alone.
      Pattern asserted = Pattern.compile("\\[" + code.id() + "\\] [^\"]{12,}");
      assertTrue(asserted.matcher(tests).find(), code.id() + ": no test asserts a full message of this code");
    }));
  }

  @Test
  void onlyFactoriesFillTemplates() {
    for (Path file : javaFiles(root().resolve(moduleDirectory()).resolve("src/main/java"))) {
      String text = read(file);
      if (text.contains("MessageTemplate.violation(")) {
        assertTrue(Pattern.compile("enum \\w+ implements DiagnosticCode").matcher(text).find(),
            file + " fills a template directly; call the code's factory instead");
      }
    }
  }

  @Test
  void idsAreListedOnceInTheDocumentWithTheirOwner() throws IOException {
    Path document = root().resolve(DOCUMENT);
    List<String> lines = Files.exists(document) ? Files.readAllLines(document, StandardCharsets.UTF_8) : List.of();
    Set<String> owners = new HashSet<>();
    ownedCodes().forEach(owner -> owners.add(owner.getName()));
    List<String> mine = new ArrayList<>();
    for (DiagnosticCode code : codes()) {
      mine.add(row(code));
    }
    List<String> listed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      Matcher matcher = ROW.matcher(line);
      if (matcher.matches()) {
        assertTrue(ids.add(matcher.group(1)), matcher.group(1) + " is listed twice in " + DOCUMENT);
        if (owners.contains(matcher.group(2))) {
          listed.add(line);
        }
      }
    }
    if (Boolean.getBoolean("diagnostics.update")) {
      rewrite(document, lines, owners, mine);
      return;
    }
    assertEquals(String.join("\n", mine), String.join("\n", listed),
        DOCUMENT + " lists these codes as they are (run with -Ddiagnostics.update=true)");
  }

  private static void rewrite(Path document, List<String> lines, Set<String> owners, List<String> mine) throws IOException {
    List<String> out = new ArrayList<>();
    boolean placed = false;
    for (String line : lines) {
      Matcher matcher = ROW.matcher(line);
      if (matcher.matches() && owners.contains(matcher.group(2))) {
        if (!placed) {
          out.addAll(mine);
          placed = true;
        }
        continue;
      }
      out.add(line);
    }
    if (!placed) {
      out.addAll(mine);
    }
    Path temporary = Files.createTempFile(document.getParent(), "diagnostics", ".tmp");
    Files.write(temporary, out, StandardCharsets.UTF_8);
    Files.move(temporary, document, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String row(DiagnosticCode code) {
    return "| `" + code.id() + "` | `" + ((Enum<?>) code).getDeclaringClass().getName() + "` | "
        + code.severity().name().toLowerCase(Locale.ROOT) + " | " + code.template().replace("|", "\\|") + " |";
  }

  private static List<Method> factories(DiagnosticCode code) {
    List<Method> found = new ArrayList<>();
    for (Method method : ((Enum<?>) code).getDeclaringClass().getDeclaredMethods()) {
      int modifiers = method.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && method.getName().equals(factoryName(code))
          && method.getReturnType() == Violation.class) {
        found.add(method);
      }
    }
    return found;
  }

  /**
   * The factory's parameter names, read from the owning enum's source: class files keep them only
   * when compiled with {@code -parameters}, and the fuzz tests' instrumentation drops them from
   * classes it retransforms, so reflection cannot be relied on in a full test run.
   */
  private static List<String> parameterNames(Method factory) {
    Class<?> owner = factory.getDeclaringClass();
    Path source = root().resolve(moduleDirectory()).resolve("src/main/java").resolve(owner.getName().replace('.', '/') + ".java");
    Matcher declaration = Pattern.compile("public static Violation " + factory.getName() + "\\(([^)]*)\\)").matcher(read(source));
    assertTrue(declaration.find(), factory.getName() + " is declared in " + source);
    List<String> names = new ArrayList<>();
    for (String parameter : declaration.group(1).split(",(?![^<]*>)")) {
      if (!parameter.isBlank()) {
        String[] words = parameter.trim().split("\\s+");
        names.add(words[words.length - 1]);
      }
    }
    assertEquals(factory.getParameterCount(), names.size(), factory.getName() + ": parameters read from " + source);
    return names;
  }

  /** {@code WARMUP_EXCEEDS_TOTAL} → {@code warmupExceedsTotal}. */
  static String factoryName(DiagnosticCode code) {
    String id = code.id();
    return Character.toLowerCase(id.charAt(0)) + id.substring(1);
  }

  /** A distinct value per parameter, or {@code null} for a type with no obvious sample. */
  private static Object sentinel(Class<?> type, int index) {
    if (type == String.class || type == Object.class || type == CharSequence.class) {
      return "s" + (index + 1) + "x";
    }
    if (type == long.class || type == Long.class) {
      return 1_000_003L + 10L * index;
    }
    if (type == int.class || type == Integer.class) {
      return 2_003 + 10 * index;
    }
    if (type == double.class || type == Double.class) {
      return 7.125 + index;
    }
    if (type == boolean.class || type == Boolean.class) {
      return Boolean.TRUE;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == List.class) {
      return List.of("l" + (index + 1) + "x");
    }
    return null;
  }

  /** The template as a pattern: its text literally, each placeholder a group. */
  private static Pattern shape(String template) {
    StringBuilder pattern = new StringBuilder("^");
    Matcher matcher = MessageTemplate.PLACEHOLDER.matcher(template);
    int last = 0;
    while (matcher.find()) {
      pattern.append(Pattern.quote(template.substring(last, matcher.start()))).append("(.*?)");
      last = matcher.end();
    }
    pattern.append(Pattern.quote(template.substring(last))).append("$");
    return Pattern.compile(pattern.toString(), Pattern.DOTALL);
  }

  /** The repository's root: the module's parent folder, where docs/ is. */
  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
  }

  private static String moduleDirectory() {
    return Path.of("").toAbsolutePath().getFileName().toString();
  }

  /** Every Java source of the repository under {@code src/<set>/java}, concatenated. */
  private static String sources(String set) {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(root())) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        for (Path file : javaFiles(module.resolve("src").resolve(set).resolve("java"))) {
          all.append(read(file)).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  private static List<Path> javaFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
