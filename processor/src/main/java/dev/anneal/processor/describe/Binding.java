package dev.anneal.processor.describe;

import java.util.List;

/**
 * Where a model field's value came from in a parameterized declaration, so that the generated
 * validator reports a model violation on the attribute and names the config values.
 *
 * @param modelPath the model's path, e.g. {@code phases[1].peak}
 * @param path the declaration's path, e.g. {@code phases[1].from}
 * @param field the model's field name
 * @param attribute the annotation's attribute name
 * @param expression the attribute's expression as written
 * @param names the config components it uses
 */
public record Binding(String modelPath, String path, String field, String attribute, String expression, List<String> names) {
  public Binding {
    names = List.copyOf(names);
  }
}
