package dev.anneal.config.transformers;

import dev.anneal.rules.Violation;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The keyword arguments one schedule function receives, read and typed, with the origin of each in
 * the config. Arguments not given take their {@link SignatureParameter}'s default. Immutable.
 */
final class Arguments {
  private final Map<String, SignatureParameter> parameters;
  private final Map<String, Object> given;
  private final Map<String, Origin> origins;
  private final Origin root;

  /**
   * @param parameters the function's parameters
   * @param given the values given, by name ({@link Long}, {@link Double} or {@link String})
   * @param origins where each argument is (or would be) written
   * @param root where violations that no single argument is to blame for go
   */
  Arguments(List<SignatureParameter> parameters, Map<String, Object> given, Map<String, Origin> origins, Origin root) {
    Map<String, SignatureParameter> byName = new LinkedHashMap<>();
    parameters.forEach(p -> byName.put(p.name(), p));
    this.parameters = Collections.unmodifiableMap(byName);
    this.given = Collections.unmodifiableMap(new HashMap<>(given));
    this.origins = Collections.unmodifiableMap(new HashMap<>(origins));
    this.root = root;
  }

  long steps(String name) {
    return ((Number) value(name)).longValue();
  }

  double number(String name) {
    return ((Number) value(name)).doubleValue();
  }

  String text(String name) {
    return (String) value(name);
  }

  OptionalLong optSteps(String name) {
    Object value = given.get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(((Number) value).longValue());
  }

  OptionalDouble optNumber(String name) {
    Object value = given.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) value).doubleValue());
  }

  private Object value(String name) {
    Object value = given.get(name);
    if (value != null) {
      return value;
    }
    SignatureParameter parameter = parameters.get(name);
    if (parameter == null || parameter.fallback() == null) {
      throw new IllegalStateException("no value for " + name + ": the reader must have reported it");
    }
    return parameter.fallback();
  }

  /** {@code violation}, whose path is an upstream argument name, moved to where the user wrote it. */
  Violation place(Violation violation) {
    String argument = violation.path();
    Origin origin = origins.get(argument);
    if (origin != null) {
      return origin.place(violation, argument);
    }
    return root.place(violation, null);
  }
}
