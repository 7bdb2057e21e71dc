package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs {@code anneal curve} on a config the way a user would (a real file, {@code --format},
 * {@code --steps}, {@code --channel}, {@code --metrics}) and compares every channel a golden case
 * records, step by step, within the project's bound.
 */
final class CurveParity {
  private CurveParity() {}

  /** The channels {@code golden} records, by their name on the command line. */
  static Map<String, double[]> channels(GoldenCase golden) {
    Map<String, double[]> channels = new LinkedHashMap<>();
    channels.put("lr", golden.lr());
    if (golden.momentum() != null) {
      channels.put("momentum", golden.momentum());
    }
    if (golden.weightDecay() != null) {
      channels.put("weight_decay", golden.weightDecay());
    }
    return channels;
  }

  static void assertCurves(String format, String configText, GoldenCase golden, Path dir) {
    try {
      Path config = Files.writeString(dir.resolve(golden.system() + "-" + golden.name() + ".config"), configText);
      List<String> common = new ArrayList<>(List.of("curve", config.toString(), "--format", format, "--steps", Integer.toString(golden.steps())));
      if (golden.metrics() != null) {
        String lines = Arrays.stream(golden.metrics()).mapToObj(Double::toString).collect(Collectors.joining("\n", "", "\n"));
        common.addAll(List.of("--metrics", Files.writeString(dir.resolve(golden.system() + "-" + golden.name() + ".metrics"), lines).toString()));
      }
      for (Map.Entry<String, double[]> channel : channels(golden).entrySet()) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--channel", channel.getKey()));
        Anneal.Result result = Anneal.run(args.toArray(String[]::new));
        String what = golden + " " + channel.getKey() + " through anneal curve --format " + format;
        assertEquals(0, result.exitCode(), () -> what + " failed: " + String.join("\n", result.err()));
        GoldenAssert.assertCurve(what, channel.getValue(), parse(what, result.out()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values of {@code step<TAB>value} lines, checking that line i is step i. */
  static double[] parse(String what, List<String> lines) {
    double[] values = new double[lines.size()];
    for (int i = 0; i < values.length; i++) {
      String line = lines.get(i);
      String[] parts = line.split("\t", -1);
      assertEquals(2, parts.length, () -> what + ": not 'step<TAB>value': " + line);
      assertEquals(Integer.toString(i), parts[0], what + ": line " + (i + 1) + " is not step " + i);
      values[i] = Double.parseDouble(parts[1]);
    }
    return values;
  }
}
