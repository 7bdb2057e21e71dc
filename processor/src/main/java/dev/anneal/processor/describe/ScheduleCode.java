package dev.anneal.processor.describe;

import dev.anneal.processor.check.Condition;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the writer needs to generate one schedule class, free of the compiler's model.
 *
 * @param simpleName the generated class's simple name
 * @param javadoc the class comment: the schedule in words
 * @param config the record of a parameterized schedule, else empty
 * @param path the prefix of this channel's paths in a plan ({@code channels.momentum}), else empty
 * @param fields every constant, in an order where each uses only earlier ones
 * @param hold the constant held past the end under {@link AfterEnd#HOLD}
 * @param conditions what a config must meet, checked by {@code validate}
 * @param bindings where each model field came from, for {@code validate}'s messages
 * @param finiteParameters the double components the schedule uses, each checked for NaN and infinity
 * @param geometry the {@code RunGeometry.Builder} calls of a parameterized schedule whose lengths
 *     are in units ({@code batchSize → 256L}), which the generated class resolves them against;
 *     else empty; for a clocked schedule, the geometry whose consumption it counts
 * @param clock what a clocked schedule counts (its phase lengths and boundaries are in that
 *     unit), else empty: it counts updates
 */
public record ScheduleCode(
    String simpleName,
    String javadoc,
    Optional<ConfigType> config,
    String channel,
    String path,
    List<Field> fields,
    List<PhaseCode> phases,
    AfterEnd afterEnd,
    String hold,
    List<Condition> conditions,
    List<Binding> bindings,
    List<String> finiteParameters,
    Map<String, Object> geometry,
    Optional<Clock> clock) {

  public ScheduleCode {
    geometry = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(geometry));
    fields = List.copyOf(fields);
    phases = List.copyOf(phases);
    conditions = List.copyOf(conditions);
    bindings = List.copyOf(bindings);
    finiteParameters = List.copyOf(finiteParameters);
  }

  public boolean parameterized() {
    return config.isPresent();
  }

  /** Whether a phase reacts to metrics (a plateau), so the reactive methods delegate to the model. */
  public boolean reactive() {
    return phases.stream().anyMatch(p -> p.curve() == dev.anneal.annotation.Curve.PLATEAU);
  }

  /** The boundary of the last phase: the declared end. */
  public String end() {
    return phases.get(phases.size() - 1).field("boundary");
  }
}
