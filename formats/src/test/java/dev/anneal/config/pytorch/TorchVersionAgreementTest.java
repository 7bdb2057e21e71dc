package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenCase;
import dev.anneal.golden.GoldenInputs;
import dev.anneal.golden.GoldenSet;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The torch 1.13 curves (the basic and edge sets) come out bit for bit the same when the config
 * leaves out {@code "torch_version": "1.13"} and is read as PyTorch 2.x: the two versions differ
 * only on a nested {@code SequentialLR}, which neither set holds, and on inputs one of them
 * refuses. Where the 1.13 read refuses a case, the 2.x read refuses it with the same problems.
 */
class TorchVersionAgreementTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<GoldenCase> cases() {
    return Stream.concat(GoldenCase.all(GoldenSet.BASICS, "pytorch"), GoldenCase.all(GoldenSet.EDGE, "pytorch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutTorchVersionTheCurvesAreTheSame(GoldenCase golden) throws Exception {
    String with = GoldenInputs.forSystem("pytorch").configText(golden);
    ObjectNode root = (ObjectNode) MAPPER.readTree(with);
    assertEquals("1.13", root.remove("torch_version").asText(), golden + ": the 1.13 sets say so");
    String without = MAPPER.writeValueAsString(root);

    Object as113 = outcome(with, golden);
    Object as2 = outcome(without, golden);

    if (as113 instanceof double[][] curves113 && as2 instanceof double[][] curves2) {
      assertEquals(curves113.length, curves2.length, golden + ": the same channels");
      for (int i = 0; i < curves113.length; i++) {
        assertArrayEquals(curves113[i], curves2[i], golden + ": channel " + i + " bit for bit");
      }
    } else {
      assertEquals(as113, as2, golden + ": both refuse it alike");
    }
  }

  /** The curves of every channel (lr first), or the message of the refusal. */
  private static Object outcome(String text, GoldenCase golden) {
    Imported imported;
    try {
      imported = Formats.byName("pytorch").read(text);
    } catch (InvalidScheduleException e) {
      return e.getMessage();
    }
    Plan plan = imported.plan();
    Set<String> names = plan.channels().keySet();
    return names.stream().map(name -> PyTorchParityTest.curve(plan.channel(name), golden)).toArray(double[][]::new);
  }
}
