package dev.anneal.config.anneal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.PartialAccumulation;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.RuleCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code "geometry": {…}} ({@code docs/anneal-json.md}) into a {@link RunGeometry}: every
 * figure optional, each problem recorded at its JSON path.
 */
final class GeometryReader {
  /** The top-level key of the geometry, beside the channels or the schedule's keys. */
  static final String KEY = "geometry";

  private static final List<String> PARTIAL = List.of("update", "dropped");

  private GeometryReader() {}

  /** The geometry {@code object} describes, or {@code null} on a problem (recorded). */
  static RunGeometry read(JsonFields object) {
    int before = object.problems().all().size();
    RunGeometry geometry = object.build(() -> builder(object).build(), Map.of());
    object.rejectUnknownKeys();
    return object.problems().all().size() > before ? null : geometry;
  }

  private static RunGeometry.Builder builder(JsonFields object) {
    RunGeometry.Builder builder = RunGeometry.builder();
    if (object.has("updates_per_epoch")) {
      builder.updatesPerEpoch(object.requireLong("updates_per_epoch"));
    }
    if (object.has("dataset_size")) {
      builder.datasetSize(object.requireLong("dataset_size"));
    }
    if (object.has("batch_size")) {
      builder.batchSize(object.requireLong("batch_size"));
    }
    builder.dropLast(object.optBoolean("drop_last", false));
    builder.gradientAccumulation(object.optLong("gradient_accumulation", 1));
    builder.dataParallel(object.optLong("data_parallel", 1));
    long sequence = object.optLong("sequence_length", 0);
    if (object.has("sequence_length")) {
      builder.sequenceLength(sequence);
    }
    String partial = object.optChoice("partial_accumulation", PARTIAL, "update");
    builder.partialAccumulation(PartialAccumulation.valueOf(partial.toUpperCase(Locale.ROOT)));
    int batchForms = 0;
    if (object.has("global_batch")) {
      batchForms++;
      builder.batchSchedule(new ConstantBatch(object.requireLong("global_batch")));
    }
    if (object.has("batch_steps")) {
      batchForms++;
      builder.batchSchedule(MegatronBatchSteps.parse("batch_steps", object.requireString("batch_steps"), sequence));
    }
    if (object.has("batch_ramp")) {
      batchForms++;
      JsonFields ramp = object.requireObject("batch_ramp");
      if (ramp != null) {
        builder.batchSchedule(ramp(ramp, sequence));
      }
    }
    if (batchForms > 1) {
      object.problems().add(ConfigCode.unknownKey(object.path("batch_ramp"), "batch_ramp",
          "; give one of global_batch, batch_steps and batch_ramp"));
    }
    return builder;
  }

  /** {@code {"start", "increment", "full", "samples" | "tokens"}}: tokens become samples by floor division. */
  private static BatchRamp ramp(JsonFields ramp, long sequence) {
    long start = ramp.requireLong("start");
    long increment = ramp.requireLong("increment");
    long full = ramp.requireLong("full");
    long samples;
    if (ramp.has("tokens")) {
      JsonNode tokens = ramp.raw("tokens");
      long count = tokens.decimalValue().longValue();
      ramp.allow("tokens");
      if (sequence == 0) {
        ramp.problems().add(RuleCode.unitNeedsGeometry(ramp.path("tokens"), "tokens", count, "tokens",
            "a sequence length in the run geometry", "give sequence_length"));
        samples = 1;
      } else {
        samples = count / sequence;
      }
    } else {
      samples = ramp.requireLong("samples");
    }
    ramp.rejectUnknownKeys();
    return new BatchRamp(start, increment, samples, full);
  }
}
