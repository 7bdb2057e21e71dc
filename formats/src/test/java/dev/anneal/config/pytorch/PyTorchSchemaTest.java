package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.anneal.config.FormatDetection;
import dev.anneal.config.Formats;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.InvalidScheduleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema of the {@code pytorch} format ({@code docs/schema/pytorch.schema.json}) agrees
 * with the reader: every golden PyTorch input of every reference set, every JSON example of {@code
 * docs/pytorch-format.md} and every {@code pytorch} config under {@code examples/} is valid; the
 * schema names exactly the scheduler types the reader reads; and inputs the reader refuses for
 * their shape (a misspelt key, a missing argument, a wrong type) fail the schema too.
 */
class PyTorchSchemaTest {
  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(read(ROOT.resolve("docs/schema/pytorch.schema.json")));

  static Stream<Arguments> goldenInputs() {
    GoldenInputs inputs = GoldenInputs.forSystem("pytorch");
    return Arrays.stream(GoldenSet.values())
        .flatMap(set -> GoldenCase.all(set, "pytorch"))
        .map(golden -> Arguments.of(golden.toString(), inputs.configText(golden)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenInputs")
  void everyGoldenPytorchInputIsValid(String name, String config) {
    assertValid(name, config);
  }

  static Stream<Arguments> documentedConfigs() throws IOException {
    List<Arguments> configs = new ArrayList<>();
    Matcher block = JSON_BLOCK.matcher(read(ROOT.resolve("docs/pytorch-format.md")));
    while (block.find()) {
      configs.add(Arguments.of("docs/pytorch-format.md block " + (configs.size() + 1), block.group(1)));
    }
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = read(file);
        boolean pytorch = FormatDetection.candidates(file.getFileName().toString(), text).stream()
            .anyMatch(candidate -> candidate.format().equals("pytorch"));
        if (pytorch) {
          configs.add(Arguments.of("examples/" + file.getFileName(), text));
        }
      }
    }
    return configs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedConfigs")
  void everyDocumentedConfigIsValidAndReads(String name, String config) {
    assertValid(name, config);
    Formats.byName("pytorch").read(config);
  }

  @Test
  void theDocumentationShowsConfigs() throws IOException {
    assertTrue(documentedConfigs().count() >= 2, "docs/pytorch-format.md has no ```json example");
  }

  @Test
  void theSchemaNamesExactlyTheSchedulersTheReaderReads() throws IOException {
    JsonNode schema = MAPPER.readTree(read(ROOT.resolve("docs/schema/pytorch.schema.json")));
    Set<String> types = new TreeSet<>();
    schema.at("/$defs/scheduler/properties/type/enum").forEach(type -> types.add(type.asText()));
    Set<String> withKwargs = new TreeSet<>();
    schema.at("/$defs/kwargs").fieldNames().forEachRemaining(withKwargs::add);

    assertEquals(new TreeSet<>(SchedulerReader.TYPES), types);
    assertEquals(types, withKwargs);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // a misspelt keyword argument
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_sizes\": 10}}}",
      // a required argument missing
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"ExponentialLR\", \"kwargs\": {}}}",
      // a wrong type
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": \"0.1\"}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}}",
      // an argument of another optimizer
      "{\"optimizer\": {\"type\": \"Adam\", \"momentum\": 0.9}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}}",
      // an unknown scheduler, nested
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"SequentialLR\", \"kwargs\":"
          + " {\"schedulers\": [{\"type\": \"StepLr\", \"kwargs\": {\"step_size\": 10}}], \"milestones\": []}}}",
      // OneCycleLR without a length
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"OneCycleLR\", \"kwargs\": {\"max_lr\": 0.1}}}",
      // a top-level key the format does not read ("epochs" is one it reads since issue 15; Lightning's max_epochs is not)
      "{\"optimizer\": {\"type\": \"SGD\", \"lr\": 0.1}, \"scheduler\": {\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10}}, \"max_epochs\": 3}"})
  void whatTheReaderRefusesForItsShapeFailsTheSchema(String config) {
    assertFalse(errors(config).isEmpty(), "the schema accepts " + config);
    assertThrows(InvalidScheduleException.class, () -> Formats.byName("pytorch").read(config));
  }

  private static void assertValid(String name, String config) {
    List<Error> errors = errors(config);
    assertTrue(errors.isEmpty(), () -> name + ": " + errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList());
  }

  private static List<Error> errors(String config) {
    try {
      return SCHEMA.validate(MAPPER.readTree(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
