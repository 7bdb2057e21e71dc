package dev.anneal.config.transformers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lr_scheduler_kwargs} as {@code TrainingArguments} takes it: an object, {@code null} (no
 * kwargs), or a JSON string of an object. Both transformers 4 and 5 list the field in {@code
 * _VALID_DICT_FIELDS}, so {@code __post_init__} parses a string that starts with <code>{</code>
 * with {@code json.loads} and then {@code _convert_str_dict}, which turns the string values {@code
 * "true"}/{@code "false"} into booleans, {@code "10"} into an int and {@code "0.5"} into a float,
 * in nested objects too. Any other string stays a string, and {@code get_scheduler}'s {@code
 * **scheduler_specific_kwargs} raises {@code TypeError} on it.
 */
final class SchedulerKwargs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SchedulerKwargs() {}

  /** The kwargs at {@code key} of {@code root} (an empty object when absent or null), or {@code null} if reported as wrong. */
  static JsonFields read(JsonFields root, String key) {
    JsonNode raw = root.raw(key);
    String path = root.path(key);
    if (raw == null || raw.isNull()) {
      return JsonFields.of(JsonNodeFactory.instance.objectNode(), path, root.problems());
    }
    if (raw.isObject()) {
      return root.optObject(key);
    }
    if (raw.isTextual() && raw.textValue().startsWith("{")) {
      JsonNode parsed;
      try {
        parsed = MAPPER.readTree(raw.textValue());
      } catch (JsonProcessingException e) {
        root.problems().add(ConfigCode.wrongType(path, raw.toString(), "a JSON object, or a string holding one",
            "a string that is no JSON object (TrainingArguments' json.loads raises JSONDecodeError: " + e.getOriginalMessage() + ")"));
        return null;
      }
      if (!parsed.isObject()) {
        root.problems().add(ConfigCode.wrongType(path, raw.toString(), "a JSON object, or a string holding one",
            "a string holding " + parsed.getNodeType().toString().toLowerCase(Locale.ROOT) + " (get_scheduler raises TypeError on it)"));
        return null;
      }
      return JsonFields.of(convertStrings((ObjectNode) parsed), path, root.problems());
    }
    String found = raw.isTextual()
        ? "the string " + raw + " (it does not start with '{', so TrainingArguments keeps it a string and get_scheduler raises"
            + " TypeError: argument after ** must be a mapping)"
        : raw.toString();
    root.problems().add(ConfigCode.wrongType(path, raw.toString(), "an object", found));
    return null;
  }

  /** {@code _convert_str_dict}: string values that read as a boolean or a number become one, recursively. */
  private static ObjectNode convertStrings(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = object.get(name);
      if (value.isObject()) {
        convertStrings((ObjectNode) value);
      } else if (value.isTextual()) {
        String text = value.textValue();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          object.put(name, lower.equals("true"));
        } else if (isDigits(text)) {
          object.put(name, new BigInteger(text));
        } else if (isDigits(text.replaceFirst("\\.", ""))) {
          object.put(name, Double.parseDouble(text));
        }
      }
    }
    return object;
  }

  /** Python's {@code str.isdigit} for ASCII text: not empty, every character 0-9. */
  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
