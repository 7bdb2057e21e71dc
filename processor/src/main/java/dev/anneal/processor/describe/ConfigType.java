package dev.anneal.processor.describe;

import java.util.List;

/**
 * The record a parameterized declaration is on.
 *
 * @param simpleNames its simple name, after the names of the types enclosing it
 * @param integers the names of its integer components (the others used in expressions are doubles)
 * @param narrow those of them narrower than {@code long} ({@code int}, {@code short}, {@code byte})
 */
public record ConfigType(String packageName, List<String> simpleNames, List<String> integers, List<String> narrow) {
  public ConfigType {
    simpleNames = List.copyOf(simpleNames);
    integers = List.copyOf(integers);
    narrow = List.copyOf(narrow);
  }

  /**
   * How generated code reads a component in an expression: {@code config.total()}, or {@code
   * (long) config.epochs()} for a narrow one, so that integer expressions compute in 64 bits as
   * the processor computes them at compile time (an {@code int} product past 2^31 is a valid
   * length, not an overflow).
   */
  public String read(String name) {
    return (narrow.contains(name) ? "(long) " : "") + "config." + name + "()";
  }
}
