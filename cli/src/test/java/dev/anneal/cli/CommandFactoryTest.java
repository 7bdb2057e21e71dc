package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command that reads a config reads it through the formats of the factory that made it. */
class CommandFactoryTest {
  /** What the test format says of every config it is given. */
  private static final Violation REFUSED = ConfigCode.notImportable("lr", null, "test", "refused by the factory's own format");

  /** A format only the test's factory knows, which refuses every config. */
  private static final ConfigFormat REFUSING = new ConfigFormat() {
    @Override
    public String name() {
      return "refusing";
    }

    @Override
    public Imported read(String text) {
      throw new InvalidScheduleException(REFUSED);
    }

    @Override
    public String write(Plan plan) {
      throw new AssertionError("not called");
    }
  };

  @TempDir Path dir;

  /** Each command line, with CONFIG for the config's path; validate prints a config's problems on standard output, exit status 1. */
  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of(List.of("curve", "CONFIG", "--format", "refusing"), false),
        Arguments.of(List.of("plot", "CONFIG", "--format", "refusing", "--out", "-"), false),
        Arguments.of(List.of("explain", "CONFIG", "--format", "refusing", "--step", "0"), false),
        Arguments.of(List.of("train", "--config", "CONFIG", "--format", "refusing"), false),
        Arguments.of(List.of("diff", "CONFIG", "CONFIG", "--format", "refusing"), false),
        Arguments.of(List.of("convert", "CONFIG", "--from", "refusing", "--to", "anneal"), false),
        Arguments.of(List.of("validate", "CONFIG", "--format", "refusing"), true));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void theFactorysFormatsReachTheCommand(List<String> commandLine, boolean validates) throws IOException {
    Path config = Files.writeString(dir.resolve("any.json"), "{}");
    String[] args = commandLine.stream().map(arg -> arg.equals("CONFIG") ? config.toString() : arg).toArray(String[]::new);

    Anneal.Result result = Anneal.run(TestFormats.with(REFUSING), args);

    List<String> refused = List.of(config + ": " + REFUSED);
    assertEquals(validates ? refused : List.of(), result.out());
    assertEquals(validates ? List.of() : refused, result.err());
    assertEquals(validates ? ExitCodes.REJECTED : ExitCodes.BAD_INPUT, result.exitCode());
  }
}
