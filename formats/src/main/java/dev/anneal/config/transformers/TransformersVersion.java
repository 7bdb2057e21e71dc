package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import java.util.Arrays;
import java.util.List;

/**
 * The transformers major version whose semantics a config follows, chosen by its {@code
 * transformers_version} field ({@code "4"}, {@code "5"}, or a full version such as {@code
 * "4.57.1"}, of which the major counts). The schedule functions are the same in both; what differs
 * is how {@code TrainingArguments} and {@code get_scheduler} feed them:
 *
 * <ul>
 *   <li>transformers 4 ({@code huggingface/transformers@005edacb}, the golden curves' source):
 *       {@code warmup_steps} is an integer that wins over {@code warmup_ratio} when above 0, {@code
 *       warmup_ratio} must lie in [0, 1], and {@code get_scheduler} drops the kwargs of {@code
 *       inverse_sqrt};
 *   <li>transformers 5 (main, {@code training_args.py} at {@code 00349ae8}): {@code warmup_steps}
 *       is a float, a ratio of {@code max_steps} below 1 and {@code int(warmup_steps)} steps from 1
 *       on ({@code get_warmup_steps}); {@code warmup_ratio} is deprecated and, when not {@code
 *       None}, replaces {@code warmup_steps} in {@code __post_init__}; {@code get_scheduler} hands
 *       {@code inverse_sqrt} its kwargs (pull request #44909); the field list changed.
 * </ul>
 *
 * Both read {@code lr_scheduler_kwargs} given as a JSON string (it is in {@code _VALID_DICT_FIELDS}
 * of both). The default is {@link #DEFAULT}, the newest major, as the pytorch format follows the
 * newest PyTorch.
 */
enum TransformersVersion {
  V4("4"),
  V5("5");

  /** The field that selects the version; Anneal's own, not a field of {@code TrainingArguments}. */
  static final String KEY = "transformers_version";

  /**
   * The version a config without {@code transformers_version} follows: the newest major, which a
   * Trainer run installed today gets ({@code pip install transformers}).
   */
  static final TransformersVersion DEFAULT = V5;

  private final String major;

  TransformersVersion(String major) {
    this.major = major;
  }

  /** The major version as a config writes it, e.g. {@code "5"}. */
  String major() {
    return major;
  }

  /**
   * The version {@code root} names, {@link #DEFAULT} when absent; an unknown one is an {@code
   * UnknownType} error (the default stands in, so that the rest is still checked).
   */
  static TransformersVersion read(JsonFields root) {
    JsonNode raw = root.raw(KEY);
    if (raw == null || raw.isNull()) {
      return DEFAULT;
    }
    String text = raw.isTextual() ? raw.textValue() : raw.isNumber() ? raw.asText() : null;
    if (text == null) {
      root.problems().add(ConfigCode.wrongType(root.path(KEY), raw.toString(), "a version such as \"5\" or \"4.57.1\"", raw.toString()));
      return DEFAULT;
    }
    String given = text.strip();
    String wanted = given.contains(".") ? given.substring(0, given.indexOf('.')) : given;
    for (TransformersVersion version : values()) {
      if (version.major.equals(wanted)) {
        return version;
      }
    }
    root.problems().add(ConfigCode.unknownType(root.path(KEY), KEY, given,
        "; expected one of: " + String.join(", ", majors()) + " (or a full version of one of them, such as 4.57.1)"));
    return DEFAULT;
  }

  private static List<String> majors() {
    return Arrays.stream(values()).map(TransformersVersion::major).toList();
  }

  @Override
  public String toString() {
    return "transformers " + major;
  }
}
