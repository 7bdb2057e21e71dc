package dev.anneal.processor.describe;

import java.util.List;

/**
 * The record a parameterized declaration is on.
 *
 * @param simpleNames its simple name, after the names of the types enclosing it
 * @param integers the names of its integer components (the others used in expressions are doubles)
 */
public record ConfigType(String packageName, List<String> simpleNames, List<String> integers) {
  public ConfigType {
    simpleNames = List.copyOf(simpleNames);
    integers = List.copyOf(integers);
  }
}
