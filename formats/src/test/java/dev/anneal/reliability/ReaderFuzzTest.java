package dev.anneal.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for the five config readers. Each input is decoded as UTF-8 (malformed bytes become
 * U+FFFD, as a lenient editor would show them) and handed to {@link ImportOracle}: the reader must
 * refuse it with an {@code InvalidScheduleException} or return a plan that is finite and in bounds
 * at every probed step and whose export reads back to the same curve. Anything else, a hang, a
 * stack overflow or running out of memory is a finding.
 *
 * <p>{@code mvn verify} runs each target once per checked-in input under {@code
 * src/test/resources/dev/anneal/reliability/ReaderFuzzTestInputs/<method>/} (regression mode). To
 * fuzz one target, see docs/reliability.md:
 * {@code JAZZER_FUZZ=1 mvn -pl formats -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ReaderFuzzTest#deepSpeedConfig}.
 */
class ReaderFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void annealJson(byte[] input) {
    ImportOracle.check("anneal", text(input));
  }

  @FuzzTest(maxDuration = "10m")
  void deepSpeedConfig(byte[] input) {
    ImportOracle.check("deepspeed", text(input));
  }

  @FuzzTest(maxDuration = "10m")
  void megatronFlags(byte[] input) {
    ImportOracle.check("megatron", text(input));
  }

  @FuzzTest(maxDuration = "10m")
  void pyTorchJson(byte[] input) {
    ImportOracle.check("pytorch", text(input));
  }

  @FuzzTest(maxDuration = "10m")
  void transformersJson(byte[] input) {
    ImportOracle.check("transformers", text(input));
  }

  private static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }
}
