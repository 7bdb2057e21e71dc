package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads the fields of one saved state, remembering each one read (for the report's "what was
 * read") and every problem, so that a state with several bad fields is refused with all of them.
 */
final class StateFields {
  private final JsonNode state;
  private final StateFormat system;
  private final List<String> read = new ArrayList<>();
  private final List<Violation> problems = new ArrayList<>();

  StateFields(JsonNode state, StateFormat system) {
    this.state = state;
    this.system = system;
  }

  JsonNode state() {
    return state;
  }

  /** The fields read so far, as {@code name = value}. */
  List<String> read() {
    return List.copyOf(read);
  }

  /** A whole number of at least {@code min}; {@code why} says what Anneal needs it for when it is absent. */
  long count(String field, long min, String why) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      problems.add(TakeOverCode.stateFieldMissing(field, system.display(), field, why));
      return min;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < min) {
      problems.add(TakeOverCode.stateFieldInvalid(field, field, node.toString(), "a whole number of at least " + min));
      return min;
    }
    read.add(field + " = " + node.asLong());
    return node.asLong();
  }

  /** A finite number; {@code why} as for {@link #count}. */
  double number(String field, String why) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      problems.add(TakeOverCode.stateFieldMissing(field, system.display(), field, why));
      return 0;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      problems.add(TakeOverCode.stateFieldInvalid(field, field, node.toString(), "a finite number"));
      return 0;
    }
    read.add(field + " = " + LrValues.python(node.asDouble()));
    return node.asDouble();
  }

  /**
   * A number of at least 0 kept as Python has it: a {@code Long} when the state wrote an int, a
   * {@code Double} when it wrote a float (Megatron's warm-up from {@code --lr-warmup-fraction} is
   * a float product); {@code why} as for {@link #count}.
   */
  Number steps(String field, String why) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      problems.add(TakeOverCode.stateFieldMissing(field, system.display(), field, why));
      return 0L;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0
        || (node.isIntegralNumber() && !node.canConvertToLong())) {
      problems.add(TakeOverCode.stateFieldInvalid(field, field, node.toString(), "a finite number of at least 0"));
      return 0L;
    }
    read.add(field + " = " + shown(node));
    return node.isIntegralNumber() ? (Number) node.asLong() : (Number) node.asDouble();
  }

  /** A string; {@code why} as for {@link #count}. */
  String text(String field, String why) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      problems.add(TakeOverCode.stateFieldMissing(field, system.display(), field, why));
      return "";
    }
    if (!node.isTextual()) {
      problems.add(TakeOverCode.stateFieldInvalid(field, field, node.toString(), "a string"));
      return "";
    }
    read.add(field + " = " + node.asText());
    return node.asText();
  }

  /**
   * The first number of the list {@code field} (the first parameter group's), or empty when the
   * state has no such list; a list whose first entry is not a finite number is a problem.
   */
  OptionalDouble firstOfList(String field) {
    JsonNode node = state.get(field);
    if (node == null || node.isNull()) {
      return OptionalDouble.empty();
    }
    if (!node.isArray() || node.isEmpty() || !node.get(0).isNumber() || !Double.isFinite(node.get(0).asDouble())) {
      problems.add(TakeOverCode.stateFieldInvalid(field, field, node.toString(), "a list of finite numbers, one per parameter group"));
      return OptionalDouble.empty();
    }
    List<String> shown = new ArrayList<>();
    node.forEach(value -> shown.add(shown(value)));
    read.add(field + " = [" + String.join(", ", shown) + "]");
    return OptionalDouble.of(node.get(0).asDouble());
  }

  /** Records a field that was read by hand. */
  void noteRead(String field, JsonNode value) {
    read.add(field + " = " + shown(value));
  }

  /** Records a field that was read by hand, summarised in words. */
  void noteRead(String field, String summary) {
    read.add(field + ": " + summary);
  }

  /** A value as Python prints it: an int as an int, a float by {@code repr}, anything else as JSON. */
  private static String shown(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    return value.isNumber() ? LrValues.python(value.asDouble()) : value.toString();
  }

  void problem(Violation violation) {
    problems.add(violation);
  }

  /** @throws InvalidScheduleException with every problem found, if there is one */
  void throwIfProblems() {
    InvalidScheduleException.throwIfErrors(problems);
  }
}
