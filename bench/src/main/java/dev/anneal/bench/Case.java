package dev.anneal.bench;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One measured benchmark of a {@link Suite}: a JMH benchmark method with fixed parameters.
 *
 * @param label the name the report uses
 * @param benchmark the JMH benchmark class
 * @param method the benchmark method
 * @param params JMH parameters ({@code @Param} field name to value)
 */
record Case(String label, Class<?> benchmark, String method, Map<String, String> params) {
  Case {
    params = Map.copyOf(params);
  }

  static Case of(Class<?> benchmark, String method) {
    return new Case(benchmark.getSimpleName() + "." + method, benchmark, method, Map.of());
  }

  /** JMH's include pattern for exactly this method. */
  String include() {
    return "^" + Pattern.quote(benchmark.getName() + "." + method) + "$";
  }
}
