package dev.anneal.config.anneal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.config.JsonFields;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Shape;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JSON form of one field of a shape record: its key (the record component's name), its JSON
 * type, and its default when the key may be left out ({@code null} when it is required).
 */
record FieldForm(String name, Kind kind, Class<?> type, Object defaultValue) {

  /** The Java types a shape field may have, and so the JSON values Anneal reads and writes. */
  enum Kind {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    /** An enum, written as its constant's name in lower case ({@code exp_range}). */
    ENUM,
    STRING,
    LONG_LIST,
    DOUBLE_LIST,
    /** Another shape, wrapped ({@code Shifted}): a nested {@code {"shape": kind, <its fields>}} without {@code steps}. */
    SHAPE
  }

  /**
   * The form of {@code component}.
   *
   * @throws IllegalArgumentException if its type has no JSON form
   */
  static FieldForm of(RecordComponent component, Object defaultValue) {
    return new FieldForm(component.getName(), kindOf(component), component.getType(), defaultValue);
  }

  private static Kind kindOf(RecordComponent component) {
    Class<?> type = component.getType();
    if (type == double.class) {
      return Kind.DOUBLE;
    }
    if (type == long.class) {
      return Kind.LONG;
    }
    if (type == int.class) {
      return Kind.INT;
    }
    if (type == boolean.class) {
      return Kind.BOOLEAN;
    }
    if (type.isEnum()) {
      return Kind.ENUM;
    }
    if (type == String.class) {
      return Kind.STRING;
    }
    if (type == Shape.class) {
      return Kind.SHAPE;
    }
    if (type == List.class && component.getGenericType() instanceof ParameterizedType list) {
      Type element = list.getActualTypeArguments()[0];
      if (element == Long.class) {
        return Kind.LONG_LIST;
      }
      if (element == Double.class) {
        return Kind.DOUBLE_LIST;
      }
    }
    throw new IllegalArgumentException("field " + component.getName() + " has type " + component.getGenericType() + ", which has no JSON form");
  }

  boolean isOptional() {
    return defaultValue != null;
  }

  /** The enum constants' JSON names, in declaration order. */
  List<String> choices() {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      names.add(jsonName((Enum<?>) constant));
    }
    return names;
  }

  static String jsonName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** What {@link #read} gives for a required key that is absent. */
  static final Object MISSING = new Object();

  /**
   * Reads this field of {@code phase}; a missing required key, a wrong type or a non-finite number
   * is recorded in the phase's problems and the result is then meaningless (the caller checks).
   * An absent required key reads as {@link #MISSING}; it is not reported when one of the {@code
   * strangers} (the phase's keys that belong to no field) looks like a misspelling of it.
   */
  Object read(JsonFields phase, Collection<String> strangers) {
    if (!phase.has(name)) {
      if (isOptional()) {
        return defaultValue;
      }
      // "form" for "from" is one mistake: the unknown key's "did you mean" says it all.
      if (strangers.stream().noneMatch(key -> DidYouMean.closest(key, List.of(name)).isPresent())) {
        phase.problems().add(ConfigCode.missingKey(phase.path(name), "'" + name + "'"));
      }
      return MISSING;
    }
    return switch (kind) {
      case DOUBLE -> phase.requireDouble(name);
      case LONG -> phase.requireLong(name);
      case INT -> readInt(phase);
      case BOOLEAN -> phase.optBoolean(name, false);
      case ENUM -> readEnum(phase);
      case STRING -> phase.requireString(name);
      case LONG_LIST -> phase.optLongs(name, List.of());
      case DOUBLE_LIST -> phase.optDoubles(name, List.of());
      case SHAPE -> readShape(phase);
    };
  }

  /** The nested shape, or {@code null} when it is not an object or has a problem (recorded at its path). */
  private Object readShape(JsonFields phase) {
    JsonFields nested = phase.requireObject(name);
    return nested == null ? null : ScheduleReader.innerShape(nested);
  }

  private Object readInt(JsonFields phase) {
    long value = phase.requireLong(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      phase.problems().add(RuleCode.outOfRange(phase.path(name), name, value, "[" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]"));
      return 0;
    }
    return (int) value;
  }

  private Object readEnum(JsonFields phase) {
    String chosen = phase.optChoice(name, choices(), null);
    for (Object constant : type.getEnumConstants()) {
      if (jsonName((Enum<?>) constant).equals(chosen)) {
        return constant;
      }
    }
    return null; // optChoice recorded the unknown name with a "did you mean"
  }

  /** Whether {@code value} is this field's default, so that writing may leave it out. */
  boolean isDefault(Object value) {
    // Boxed equals compares doubles bit for bit: -0.0 is not the default 0.0 and is written.
    return isOptional() && defaultValue.equals(value);
  }

  /** {@code value} as JSON text; a nested shape is written by {@link ShapeForm#write}, which knows how. */
  String write(Object value) {
    return switch (kind) {
      case DOUBLE -> JsonNumbers.text((Double) value);
      case LONG, INT, BOOLEAN -> String.valueOf(value);
      case ENUM -> quote(jsonName((Enum<?>) value));
      case STRING -> quote((String) value);
      case LONG_LIST -> ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
      case DOUBLE_LIST -> ((List<?>) value).stream().map(v -> JsonNumbers.text((Double) v)).collect(Collectors.joining(", ", "[", "]"));
      case SHAPE -> throw new IllegalArgumentException("a nested shape is written by ShapeForm.write, which writes its own fields");
    };
  }

  static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
