package dev.anneal.config.transformers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the keyword arguments of one schedule function from a JSON object, as Python would bind
 * them: every key must be a parameter (else {@code TypeError} upstream; here an {@code UnknownKey}
 * with a "did you mean"), required parameters must be present, {@code null} stands for {@code None}
 * only where {@code None} is the default, and every value must have its parameter's type.
 */
final class ArgumentReader {
  private ArgumentReader() {}

  /**
   * The arguments in {@code kwargs}, merged with those {@code get_scheduler} supplies itself.
   *
   * @param function the function called
   * @param kwargs the keyword arguments as written
   * @param supplied values {@code get_scheduler} passes itself, by name, with their origins; a key
   *     in {@code kwargs} that repeats one is an error, as upstream's {@code TypeError}
   * @param learningRate where the learning rate is written
   * @return the arguments; meaningful only if {@code problems} holds no error
   */
  static Arguments read(
      TransformersFunction function,
      JsonFields kwargs,
      Map<String, Supplied> supplied,
      Origin learningRate,
      Problems problems) {
    Map<String, Object> given = new HashMap<>();
    Map<String, Origin> origins = new HashMap<>();
    origins.put(LambdaBuilder.LEARNING_RATE, learningRate);
    for (SignatureParameter parameter : function.parameters()) {
      String name = parameter.name();
      String path = kwargs.path(name);
      JsonNode raw = kwargs.raw(name);
      Supplied fromCaller = supplied.get(name);
      if (fromCaller != null) {
        origins.put(name, fromCaller.origin());
        if (raw != null) {
          problems.add(TransformersCode.argumentPassedTwice(path, raw.toString(), fromCaller.origin().path(), name));
        }
        if (fromCaller.value() != null) {
          given.put(name, fromCaller.value());
        }
        continue;
      }
      origins.put(name, new Origin(path, name));
      if (raw == null) {
        if (parameter.presence() == SignatureParameter.Presence.REQUIRED) {
          problems.add(ConfigCode.missingKey(path, "'" + name + "' (" + function.functionName() + " has no default for it)"));
        }
        continue;
      }
      if (raw.isNull()) {
        if (parameter.presence() != SignatureParameter.Presence.NONE_BY_DEFAULT) {
          problems.add(ConfigCode.wrongType(path, "null", expected(parameter), "null (None is not a valid " + name + ")"));
        }
        continue;
      }
      Object value = switch (parameter.kind()) {
        case STEPS -> kwargs.optLong(name, 0);
        case NUMBER -> kwargs.optDouble(name, Double.NaN);
        case CHOICE -> choice(kwargs, parameter, problems);
      };
      if (value != null) {
        given.put(name, value);
      }
      if (TransformersFunction.Names.LAST_EPOCH.equals(name) && raw.isNumber() && raw.asDouble() != -1) {
        problems.add(ConfigCode.notImportable(path, raw.toString(), "transformers",
            "last_epoch (" + raw + ") resumes a LambdaLR mid-run (and needs initial_lr in the optimizer); Anneal's schedules"
                + " are pure functions of the step, so evaluate from the step you resume at and leave last_epoch at -1"));
      }
    }
    kwargs.rejectUnknownKeys();
    return new Arguments(function.parameters(), given, origins, new Origin(kwargs.path(), null));
  }

  private static String choice(JsonFields kwargs, SignatureParameter parameter, Problems problems) {
    String value = kwargs.optString(parameter.name(), null);
    if (value != null && !parameter.choices().contains(value)) {
      problems.add(ConfigCode.unknownType(
          kwargs.path(parameter.name()), parameter.name(), value, DidYouMean.hint(value, parameter.choices())));
      return null;
    }
    return value;
  }

  private static String expected(SignatureParameter parameter) {
    return switch (parameter.kind()) {
      case STEPS -> "an integer";
      case NUMBER -> "a number";
      case CHOICE -> "one of " + String.join(", ", parameter.choices());
    };
  }

  /**
   * An argument {@code get_scheduler} passes to the function itself, from its own parameters.
   *
   * @param value the value, or {@code null} for {@code None}
   * @param origin where the user wrote it (or would have)
   */
  record Supplied(Long value, Origin origin) {}

  /** No supplied arguments: a direct call of the function. */
  static Map<String, Supplied> none() {
    return Map.of();
  }
}
