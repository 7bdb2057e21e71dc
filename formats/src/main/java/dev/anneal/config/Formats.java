package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every config format Anneal reads, by the name the command line uses. */
public final class Formats {
  private static final Map<String, ConfigFormat> BY_NAME = new LinkedHashMap<>();

  static {
    for (ConfigFormat format : List.<ConfigFormat>of(
        // Each format registers itself here, one line each.
        new dev.anneal.config.anneal.AnnealFormat(),
        new dev.anneal.config.pytorch.PyTorchFormat(),
        new dev.anneal.config.transformers.TransformersFormat(),
        new dev.anneal.config.deepspeed.DeepSpeedFormat(),
        new dev.anneal.config.deepspeed.DeepSpeedArgsFormat(),
        new dev.anneal.config.megatron.MegatronFormat()
        )) {
      BY_NAME.put(format.name(), format);
    }
  }

  private Formats() {}

  /** The names, in the order the help text lists them. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * @throws InvalidScheduleException ({@code UnknownType}) with a "did you mean" if there is no such format
   */
  public static ConfigFormat byName(String name) {
    ConfigFormat format = BY_NAME.get(name);
    if (format == null) {
      throw new InvalidScheduleException(
          ConfigCode.unknownType("--format", "format", name, DidYouMean.hint(name, BY_NAME.keySet())));
    }
    return format;
  }
}
