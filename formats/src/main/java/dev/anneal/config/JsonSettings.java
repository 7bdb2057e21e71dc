package dev.anneal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.OptimizerSettings.Setting;
import dev.anneal.rules.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects the hyperparameters of an optimizer written as a JSON object ({@code torch.optim}
 * keyword arguments) into {@link Setting}s, each at its JSON path or, when absent, at the
 * framework's default. It only records values: checking them (types, ranges) stays with the
 * reader, which reports each problem once.
 */
public final class JsonSettings {
  private final JsonFields fields;
  private final List<Setting> settings = new ArrayList<>();

  /** Settings read from {@code fields}, the object that holds the keyword arguments. */
  public JsonSettings(JsonFields fields) {
    this.fields = fields;
  }

  /** {@code key} as the setting {@code name}; {@code fallback} (the framework's default) when absent. */
  public JsonSettings number(String name, String key, double fallback) {
    JsonNode node = fields.raw(key);
    settings.add(node == null || node.isNull() ? Setting.byDefault(name, fallback) : Setting.written(name, valueOf(node), fields.path(key), shown(node)));
    return this;
  }

  /** A boolean {@code key} as the setting {@code name} (1 or 0); {@code fallback} when absent. */
  public JsonSettings flag(String name, String key, boolean fallback) {
    return number(name, key, fallback ? 1 : 0);
  }

  /** A pair such as {@code betas: [0.9, 0.999]} as two settings; the defaults when absent or not a pair. */
  public JsonSettings pair(String first, String second, String key, double firstDefault, double secondDefault) {
    JsonNode node = fields.raw(key);
    if (node == null || !node.isArray() || node.size() != 2) {
      settings.add(Setting.byDefault(first, firstDefault));
      settings.add(Setting.byDefault(second, secondDefault));
      return this;
    }
    for (int i = 0; i < 2; i++) {
      String path = fields.path(key) + "[" + i + "]";
      settings.add(Setting.written(i == 0 ? first : second, valueOf(node.get(i)), path, shown(node.get(i))));
    }
    return this;
  }

  /** Every key of the object not in {@code read}, as a setting named by its key. */
  public JsonSettings others(Collection<String> read) {
    for (String key : fields.keys()) {
      if (!read.contains(key)) {
        JsonNode node = fields.peek(key); // not consumed: the format's key table still reports or refuses it
        settings.add(Setting.written(key, valueOf(node), fields.path(key), shown(node)));
      }
    }
    return this;
  }

  /** The settings collected, in the order asked for. */
  public List<Setting> settings() {
    return List.copyOf(settings);
  }

  /** A number as messages show it ({@code 6e-4}, not Java's {@code 6.0E-4}); anything else as JSON. */
  private static String shown(JsonNode node) {
    if (!node.isNumber()) {
      return node.toString();
    }
    String text = Values.show(node.doubleValue());
    int exponent = text.indexOf('E');
    if (exponent < 0) {
      return text;
    }
    String mantissa = text.substring(0, exponent);
    return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa) + "e" + text.substring(exponent + 1);
  }

  private static double valueOf(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? 1 : 0;
    }
    return Double.NaN;
  }
}
