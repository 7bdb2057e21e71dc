package dev.anneal.bench;

import java.util.List;

/**
 * Benchmarks that are compared with each other, with the effort spent on them in the quick and the
 * full configuration.
 *
 * @param name the name to select it on the command line
 * @param cases the measured benchmarks
 * @param derived figures computed per round from the cases' scores
 * @param quick the effort of the quick configuration
 * @param full the effort of the full configuration
 */
record Suite(String name, List<Case> cases, List<Derived> derived, Effort quick, Effort full) {
  Suite {
    cases = List.copyOf(cases);
    derived = List.copyOf(derived);
  }

  /**
   * How long a suite runs: {@code rounds} rounds of one JMH fork per case, each fork with {@code
   * warmups} warm-up and {@code measurements} measured iterations of {@code millis} each.
   */
  record Effort(int rounds, int warmups, int measurements, int millis) {}
}
