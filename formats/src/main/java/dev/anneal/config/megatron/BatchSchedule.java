package dev.anneal.config.megatron;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@code --step-batch-size-schedule} read as Megatron-LM reads it ({@code
 * StepBatchsizeNumMicroBatchesCalculator}): {@code THRESHOLD:BATCH} pairs separated by spaces or
 * commas, numbers with an optional suffix K, M, B or T ({@code int(float(x) * 10^n)}), thresholds
 * in tokens divided (floor) by {@code --seq-length} when it is given, else in samples, sorted; the
 * first threshold must be 0, the thresholds strictly increasing and the batches positive. Anneal
 * does not model the schedule yet: it only says, in the refusal, what Megatron would do with it.
 */
final class BatchSchedule {
  private BatchSchedule() {}

  /** One step: from {@code samples} consumed on, {@code batch} samples per iteration. */
  private record Step(long samples, long batch, String written) {}

  /**
   * What Megatron would do with {@code schedule}, in words: {@code a global batch of 128 samples
   * from sample 0 and of 512 from sample 48 (100K tokens at --seq-length 2048)}, or why it would stop.
   */
  static String describe(String schedule, Long seqLength) {
    List<Step> steps = new ArrayList<>();
    for (String entry : schedule.strip().replace(',', ' ').split("\\s+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        return "Megatron would stop: the entry '" + entry + "' is not THRESHOLD:BATCH_SIZE";
      }
      Long threshold = number(entry.substring(0, colon));
      Long batch = number(entry.substring(colon + 1));
      if (threshold == null || batch == null) {
        return "Megatron would stop: it cannot read the entry '" + entry + "' as numbers";
      }
      long samples = seqLength == null ? threshold : Math.floorDiv(threshold, seqLength);
      steps.add(new Step(samples, batch, entry.substring(0, colon)));
    }
    steps.sort(Comparator.comparingLong(Step::samples));
    if (steps.isEmpty() || steps.get(0).samples() != 0) {
      return "Megatron would stop: its first threshold must be 0";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (i > 0 && step.samples() <= steps.get(i - 1).samples()) {
        return "Megatron would stop: its thresholds must increase, but two come to sample " + step.samples();
      }
      if (step.batch() <= 0) {
        return "Megatron would stop: its batch sizes must be positive, found " + step.batch();
      }
      String from = "from sample " + step.samples();
      if (seqLength != null && step.samples() != 0) {
        from += " (" + step.written() + " tokens at --seq-length " + seqLength + ")";
      }
      parts.add((i == 0 ? "a global batch of " + step.batch() + " samples " : "of " + step.batch() + " ") + from);
    }
    String last = parts.remove(parts.size() - 1);
    return "Megatron would train with " + (parts.isEmpty() ? last : String.join(", ", parts) + " and " + last);
  }

  /** Megatron's {@code _parse_numeric_value}: {@code int(float(x) * multiplier)}, or {@code null}. */
  private static Long number(String text) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    double multiplier = 1;
    if (!value.isEmpty() && "KMBT".indexOf(value.charAt(value.length() - 1)) >= 0) {
      multiplier = Math.pow(10, 3 * ("KMBT".indexOf(value.charAt(value.length() - 1)) + 1));
      value = value.substring(0, value.length() - 1);
    }
    if (!PythonNumbers.isFiniteFloat(value)) {
      return null;
    }
    double product = PythonNumbers.parseDouble(value) * multiplier;
    return Double.isFinite(product) && Math.abs(product) < 0x1p63 ? (long) product : null;
  }
}
