package dev.anneal.geometry;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Megatron-LM's {@code --step-batch-size-schedule} as its {@code
 * StepBatchsizeNumMicroBatchesCalculator._parse_schedule} does (NVIDIA/Megatron-LM@d98e8a6):
 * commas become spaces; each entry is {@code THRESHOLD:BATCH}, split at the first colon; each
 * number takes an optional last letter K, M, B or T (any case: 10^3, 10^6, 10^9, 10^12) and is
 * {@code int(float(rest) * multiplier)}: binary floating point, truncated ({@code 66.88M} is
 * 66,879,999). With a sequence length the thresholds are tokens and become {@code tokens //
 * seq_length} samples (floor), as {@code megatron/training} always passes one; entries are then
 * sorted by threshold and must start at 0 and strictly increase.
 */
public final class MegatronBatchSteps {
  /** What Python's {@code float()} accepts that matters here: decimal digits, a point, an exponent. */
  private static final Pattern PYTHON_FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private MegatronBatchSteps() {}

  /**
   * The schedule {@code flag} describes.
   *
   * @param path where the flag was written, for diagnostics
   * @param flag the flag's value, e.g. {@code "0:32 4M:64 12M:128"}
   * @param sequenceLength the sequence length, or 0 when the thresholds are samples (only a direct
   *     caller of {@code megatron.core} can pass none)
   * @throws InvalidScheduleException ({@code InvalidBatchSchedule}) with every entry Megatron would refuse
   */
  public static BatchSteps parse(String path, String flag, long sequenceLength) {
    List<Violation> found = new ArrayList<>();
    List<BatchSteps.Entry> entries = new ArrayList<>();
    for (String entry : entriesOf(flag)) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        found.add(RuleCode.invalidBatchSchedule(path, "entry '" + entry + "'", "has no ':'", "write THRESHOLD:BATCH"));
        continue;
      }
      Long threshold = number(path, entry, entry.substring(0, colon), found);
      Long batch = number(path, entry, entry.substring(colon + 1), found);
      if (threshold != null && batch != null) {
        entries.add(new BatchSteps.Entry(sequenceLength > 0 ? threshold / sequenceLength : threshold, batch));
      }
    }
    InvalidScheduleException.throwIfErrors(found);
    entries.sort(Comparator.comparingLong(BatchSteps.Entry::threshold));
    InvalidScheduleException.throwIfErrors(BatchSteps.check(path, entries));
    return new BatchSteps(entries);
  }

  /**
   * What Megatron-LM's calculator raises for {@code flag}, as Python prints it: the first problem
   * it meets, in its order (parsing entry by entry, then the checks after sorting), with a fix.
   *
   * @param error the exception and its message, e.g. {@code AssertionError: first schedule entry must have threshold 0, got 4}
   * @param fix what to write instead
   */
  public record UpstreamRefusal(String error, String fix) {}

  /**
   * The refusal Megatron-LM d98e8a6 gives {@code flag} when it reads it ({@code _parse_schedule},
   * {@code _validate_schedule}), or empty if it accepts it.
   *
   * @param sequenceLength the sequence length, or 0 when the thresholds are samples
   */
  public static Optional<UpstreamRefusal> upstreamRefusal(String flag, long sequenceLength) {
    List<BatchSteps.Entry> entries = new ArrayList<>();
    for (String entry : entriesOf(flag)) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        return Optional.of(new UpstreamRefusal("ValueError: Invalid schedule entry \"" + entry + "\". Expected format: \"THRESHOLD:BATCH_SIZE\"",
            "write each entry as THRESHOLD:BATCH"));
      }
      long[] numbers = new long[2];
      String[] parts = {entry.substring(0, colon), entry.substring(colon + 1)};
      for (int i = 0; i < 2; i++) {
        String text = floatText(parts[i]);
        if (!PYTHON_FLOAT.matcher(text).matches()) {
          return Optional.of(new UpstreamRefusal("ValueError: could not convert string to float: '" + text + "'",
              "write digits with an optional K, M, B or T suffix"));
        }
        numbers[i] = (long) (Double.parseDouble(text) * multiplier(parts[i]));
      }
      entries.add(new BatchSteps.Entry(sequenceLength > 0 ? numbers[0] / sequenceLength : numbers[0], numbers[1]));
    }
    entries.sort(Comparator.comparingLong(BatchSteps.Entry::threshold));
    String floor = sequenceLength > 0 ? " (the thresholds are tokens // " + sequenceLength + " samples)" : "";
    if (entries.isEmpty()) {
      return Optional.of(new UpstreamRefusal("AssertionError: schedule must have at least one entry", "write at least \"0:BATCH\""));
    }
    if (entries.get(0).threshold() != 0) {
      return Optional.of(new UpstreamRefusal("AssertionError: first schedule entry must have threshold 0, got " + entries.get(0).threshold(),
          "make the smallest threshold 0" + floor));
    }
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).threshold() <= entries.get(i - 1).threshold()) {
        return Optional.of(new UpstreamRefusal("AssertionError: schedule thresholds must be strictly increasing, got "
            + entries.get(i - 1).threshold() + " before " + entries.get(i).threshold(), "make every threshold at least one sample above the one before" + floor));
      }
    }
    for (BatchSteps.Entry entry : entries) {
      if (entry.batch() <= 0) {
        return Optional.of(new UpstreamRefusal("AssertionError: batch size must be positive, got " + entry.batch(), "give every batch at least 1"));
      }
    }
    return Optional.empty();
  }

  /** The text Megatron's {@code _parse_numeric_value} passes to {@code float()}: stripped, upper case, the suffix removed. */
  private static String floatText(String text) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    return multiplier(text) == 1 ? value : value.substring(0, value.length() - 1);
  }

  /** The suffix's multiplier: K, M, B, T (any case) or 1. */
  private static double multiplier(String text) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    if (value.isEmpty()) {
      return 1;
    }
    return switch (value.charAt(value.length() - 1)) {
      case 'K' -> 1e3;
      case 'M' -> 1e6;
      case 'B' -> 1e9;
      case 'T' -> 1e12;
      default -> 1;
    };
  }

  /** {@code int(float(rest) * multiplier)} of one number, or {@code null} (the problem recorded). */
  static Long number(String path, String entry, String text, List<Violation> found) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    double multiplier = 1;
    if (!value.isEmpty()) {
      switch (value.charAt(value.length() - 1)) {
        case 'K' -> multiplier = 1e3;
        case 'M' -> multiplier = 1e6;
        case 'B' -> multiplier = 1e9;
        case 'T' -> multiplier = 1e12;
        default -> multiplier = 1;
      }
      if (multiplier != 1) {
        value = value.substring(0, value.length() - 1);
      }
    }
    if (!PYTHON_FLOAT.matcher(value).matches()) {
      found.add(RuleCode.invalidBatchSchedule(path, "entry '" + entry + "'", "has '" + text + "', which is no number",
          "write digits with an optional K, M, B or T suffix"));
      return null;
    }
    return (long) (Double.parseDouble(value) * multiplier);
  }

  /** The entries of {@code flag} as Megatron splits them: commas become spaces, then whitespace separates. */
  private static List<String> entriesOf(String flag) {
    return Arrays.stream(flag.replace(',', ' ').trim().split("\\s+")).filter(entry -> !entry.isEmpty()).toList();
  }
}
