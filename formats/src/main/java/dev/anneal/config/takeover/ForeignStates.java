package dev.anneal.config.takeover;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anneal.config.DidYouMean;
import dev.anneal.rules.InvalidScheduleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a framework's saved scheduler state, exported as JSON (docs/resume-check.md shows each export). */
public final class ForeignStates {
  /** Python's {@code json.dump} writes {@code Infinity} and {@code NaN} (a plateau's {@code best}, {@code mode_worse}). */
  private static final JsonMapper PYTHON_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ForeignStates() {}

  /**
   * The state in {@code text}, of the framework {@code format} names, or detected from its keys when
   * it is empty.
   *
   * @throws InvalidScheduleException ({@code StateNotJson}, {@code StateNotRecognised}, {@code
   *     StateFieldMissing}, {@code StateFieldInvalid}) listing every problem of the state
   */
  public static ForeignState read(String text, Optional<StateFormat> format) {
    JsonNode state;
    try {
      state = PYTHON_JSON.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidScheduleException(TakeOverCode.stateNotJson("$", e.getOriginalMessage() + location(e)));
    }
    if (state == null || !state.isObject()) {
      throw new InvalidScheduleException(TakeOverCode.stateNotRecognised("$", state == null ? "empty" : "not an object"));
    }
    StateFormat system = format.or(() -> StateFormat.detect(state)).orElseThrow(() -> {
      List<String> keys = new ArrayList<>();
      state.fieldNames().forEachRemaining(keys::add);
      return new InvalidScheduleException(TakeOverCode.stateNotRecognised("$", keys.isEmpty() ? "none" : String.join(", ", keys)));
    });
    return switch (system) {
      case PYTORCH -> PyTorchStateReader.read(state);
      case DEEPSPEED -> DeepSpeedStateReader.read(state);
      case MEGATRON -> MegatronStateReader.read(state);
      case TRANSFORMERS -> TransformersStateReader.read(state);
    };
  }

  /**
   * The state format {@code --state-format} names.
   *
   * @throws InvalidScheduleException ({@code UnknownStateFormat}) with a "did you mean" for a misspelling
   */
  public static StateFormat format(String name) {
    for (StateFormat format : StateFormat.values()) {
      if (format.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new InvalidScheduleException(TakeOverCode.unknownStateFormat("--state-format", name,
        DidYouMean.hint(name, StateFormat.cliNames())));
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
