package dev.anneal.processor.check;

import dev.anneal.processor.read.RecordParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The names an expression may use: a record's components, or none for a fixed schedule. */
public final class Scope {
  private final Map<String, RecordParameter> parameters = new LinkedHashMap<>();
  private final boolean parameterized;

  public Scope(Optional<List<RecordParameter>> parameters) {
    this.parameterized = parameters.isPresent();
    parameters.orElse(List.of()).forEach(p -> this.parameters.put(p.name(), p));
  }

  public boolean parameterized() {
    return parameterized;
  }

  public Optional<RecordParameter> lookUp(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  public boolean isInteger(String name) {
    RecordParameter parameter = parameters.get(name);
    return parameter != null && parameter.type() == RecordParameter.Numeric.INTEGER;
  }

  /** The numeric names, for "did you mean". */
  public List<String> numericNames() {
    return parameters.values().stream().filter(p -> p.type() != null).map(RecordParameter::name).toList();
  }
}
