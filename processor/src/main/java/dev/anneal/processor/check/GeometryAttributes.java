package dev.anneal.processor.check;

import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * The {@link RunGeometry} a {@code @Geometry}'s written attributes describe, built with dsl's own
 * builder and batch schedules (never their arithmetic again), so the geometry an annotation
 * states is the one Anneal JSON's {@code "geometry"} with the same figures gives: {@code
 * batchSteps} is read by {@link MegatronBatchSteps#parse} as {@code batch_steps} is, the ramp
 * attributes make a {@link BatchRamp} as {@code batch_ramp} does (tokens floor-divided by the
 * sequence length), {@code globalBatch} a {@link ConstantBatch}.
 */
public final class GeometryAttributes {
  /** The attributes of the linear batch ramp, which go together. */
  public static final List<String> RAMP = List.of("rampStart", "rampIncrement", "rampFull", "rampSamples", "rampTokens");

  private GeometryAttributes() {}

  /**
   * The geometry of {@code attributes} (by attribute name, as written).
   *
   * @throws InvalidScheduleException with every problem, each with the attribute's name as its
   *     path in Anneal JSON's spelling ({@code batch_steps}) or the annotation's ({@code rampFull})
   */
  static RunGeometry build(Map<String, AnnotationValue> attributes) {
    RunGeometry.Builder builder = RunGeometry.builder();
    List<Violation> found = new ArrayList<>();
    long sequence = attributes.containsKey("sequenceLength") ? (Long) attributes.get("sequenceLength").getValue() : 0;
    List<String> batchForms = new ArrayList<>();
    for (Map.Entry<String, AnnotationValue> entry : attributes.entrySet()) {
      Object figure = entry.getValue().getValue();
      try {
        switch (entry.getKey()) {
          case "updatesPerEpoch" -> builder.updatesPerEpoch((Long) figure);
          case "datasetSize" -> builder.datasetSize((Long) figure);
          case "batchSize" -> builder.batchSize((Long) figure);
          case "dropLast" -> builder.dropLast((Boolean) figure);
          case "gradientAccumulation" -> builder.gradientAccumulation((Long) figure);
          case "dataParallel" -> builder.dataParallel((Long) figure);
          case "sequenceLength" -> builder.sequenceLength((Long) figure);
          case "globalBatch" -> {
            batchForms.add("globalBatch");
            builder.batchSchedule(new ConstantBatch((Long) figure));
          }
          case "batchSteps" -> {
            batchForms.add("batchSteps");
            builder.batchSchedule(MegatronBatchSteps.parse("batchSteps", (String) figure, sequence));
          }
          default -> {
            if (!RAMP.contains(entry.getKey())) {
              throw new IllegalStateException("@Geometry has no attribute " + entry.getKey());
            }
          }
        }
      } catch (InvalidScheduleException e) {
        found.addAll(e.violations());
      }
    }
    if (RAMP.stream().anyMatch(attributes::containsKey)) {
      batchForms.add("the ramp");
      try {
        ramp(attributes, sequence).ifPresent(builder::batchSchedule);
      } catch (InvalidScheduleException e) {
        e.violations().forEach(violation -> found.add(violation.relocated("rampStart", null, null)));
      }
    }
    if (batchForms.size() > 1) {
      found.add(RuleCode.invalidBatchSchedule(batchForms.contains("batchSteps") ? "batchSteps" : "globalBatch", String.join(" and ", batchForms),
          "are given together, and only one batch schedule applies", "give one of globalBatch, batchSteps and the ramp"));
    }
    InvalidScheduleException.throwIfErrors(found);
    return builder.build();
  }

  /** The ramp, or empty after recording what is missing: start, increment and full, with samples or tokens. */
  private static Optional<BatchRamp> ramp(Map<String, AnnotationValue> attributes, long sequence) {
    List<Violation> found = new ArrayList<>();
    for (String needed : List.of("rampStart", "rampIncrement", "rampFull")) {
      if (!attributes.containsKey(needed)) {
        found.add(RuleCode.invalidBatchSchedule(needed, "ramp", "lacks " + needed,
            "give rampStart, rampIncrement and rampFull, with rampSamples or rampTokens"));
      }
    }
    boolean samples = attributes.containsKey("rampSamples");
    boolean tokens = attributes.containsKey("rampTokens");
    if (samples == tokens) {
      found.add(RuleCode.invalidBatchSchedule(tokens ? "rampTokens" : "rampStart", "ramp", samples ? "gives both rampSamples and rampTokens" : "has no length",
          "give rampSamples or rampTokens, one of them"));
    } else if (tokens && sequence == 0) {
      found.add(RuleCode.unitNeedsGeometry("rampTokens", "rampTokens", attributes.get("rampTokens").getValue(), "tokens",
          "a sequence length in the run geometry", "give @Geometry sequenceLength"));
    }
    InvalidScheduleException.throwIfErrors(found);
    long length = samples ? figure(attributes, "rampSamples") : figure(attributes, "rampTokens") / sequence;
    return Optional.of(new BatchRamp(figure(attributes, "rampStart"), figure(attributes, "rampIncrement"), length, figure(attributes, "rampFull")));
  }

  private static long figure(Map<String, AnnotationValue> attributes, String name) {
    return (Long) attributes.get(name).getValue();
  }
}
