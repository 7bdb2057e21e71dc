package dev.anneal.config.anneal;

import dev.anneal.config.JsonFields;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Shape;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The JSON form of one {@link Shape} record: {@code {"shape": kind, <field>: value, …}}, one key
 * per record component, in the record's order, each named as the component is; a component that is
 * itself a shape ({@code Shifted.inner}) is a nested object of the same form. Reading calls the
 * record's canonical constructor; the rules then run as for any shape.
 */
final class ShapeForm {
  private final Class<? extends Shape> type;
  private final String kind;
  private final List<FieldForm> fields;
  private final Constructor<? extends Shape> constructor;

  private ShapeForm(Class<? extends Shape> type, String kind, List<FieldForm> fields, Constructor<? extends Shape> constructor) {
    this.type = type;
    this.kind = kind;
    this.fields = List.copyOf(fields);
    this.constructor = constructor;
  }

  /**
   * The form of the record {@code type}, whose optional fields take {@code defaults}.
   *
   * @throws IllegalArgumentException if {@code type} is not a record or a field has no JSON form
   */
  static ShapeForm of(Class<? extends Shape> type, Map<String, Object> defaults) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type.getSimpleName() + " is not a record");
    }
    List<FieldForm> fields = new ArrayList<>();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      if (ScheduleReader.PHASE_KEYS.contains(components[i].getName())) {
        throw new IllegalArgumentException("field " + components[i].getName() + " clashes with the phase key of that name");
      }
      fields.add(FieldForm.of(components[i], defaults.get(components[i].getName())));
      parameterTypes[i] = components[i].getType();
    }
    try {
      Constructor<? extends Shape> constructor = type.getDeclaredConstructor(parameterTypes);
      return new ShapeForm(type, probeKind(constructor, fields), fields, constructor);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no canonical constructor", e);
    }
  }

  /**
   * A shape's kind is an instance method; the only way to learn it from the class is to build one.
   * Zeros, false, the first enum constant, empty lists and a constant inner shape make a record
   * whose {@code kind()} answers; no rule runs, since the rules live in {@code check}, not in the
   * constructors.
   */
  private static String probeKind(Constructor<? extends Shape> constructor, List<FieldForm> fields) {
    Object[] zeros = new Object[fields.size()];
    for (int i = 0; i < zeros.length; i++) {
      FieldForm field = fields.get(i);
      zeros[i] =
          switch (field.kind()) {
            case DOUBLE -> 0.0;
            case LONG -> 0L;
            case INT -> 0;
            case BOOLEAN -> false;
            case ENUM -> field.type().getEnumConstants()[0];
            case STRING -> "";
            case LONG_LIST, DOUBLE_LIST -> List.of();
            case SHAPE -> new Constant(0);
          };
    }
    return construct(constructor, zeros).kind();
  }

  Class<? extends Shape> type() {
    return type;
  }

  /** The value of the {@code "shape"} key, e.g. {@code cosine}. */
  String kind() {
    return kind;
  }

  List<FieldForm> fields() {
    return fields;
  }

  /**
   * The shape described by {@code phase}, or {@code null} if a field was missing or malformed (each
   * problem is recorded in the phase's problems, with its JSON path).
   */
  Shape read(JsonFields phase) {
    return read(phase, Map.of());
  }

  /**
   * {@link #read(JsonFields)}, with the values of some fields already resolved (lengths in units,
   * {@link LengthFields}) by field name: those are taken as they are.
   */
  Shape read(JsonFields phase, Map<String, Object> resolved) {
    int before = phase.problems().all().size();
    List<String> strangers = new ArrayList<>(phase.keys());
    strangers.removeAll(ScheduleReader.PHASE_KEYS);
    fields.forEach(field -> strangers.remove(field.name()));
    Object[] values = new Object[fields.size()];
    boolean complete = true;
    for (int i = 0; i < values.length; i++) {
      FieldForm field = fields.get(i);
      if (resolved.containsKey(field.name())) {
        phase.allow(field.name());
        values[i] = resolved.get(field.name());
      } else {
        values[i] = field.read(phase, strangers);
      }
      complete &= values[i] != FieldForm.MISSING;
    }
    if (!complete || phase.problems().all().size() > before) {
      return null;
    }
    return construct(constructor, values);
  }

  /**
   * The fields of {@code shape} as {@code "key": value} pairs, leaving out those at their default; a
   * nested shape's value is what {@code nested} makes of the field's name and the shape.
   */
  List<String> write(Shape shape, BiFunction<String, Shape, String> nested) {
    List<String> pairs = new ArrayList<>();
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object value;
      try {
        value = components[i].getAccessor().invoke(shape);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + components[i].getName() + " of " + shape, e);
      }
      FieldForm field = fields.get(i);
      if (!field.isDefault(value)) {
        String text = field.kind() == FieldForm.Kind.SHAPE ? nested.apply(field.name(), (Shape) value) : field.write(value);
        pairs.add(FieldForm.quote(field.name()) + ": " + text);
      }
    }
    return pairs;
  }

  private static Shape construct(Constructor<? extends Shape> constructor, Object[] values) {
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidScheduleException invalid) {
        throw invalid;
      }
      throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getSimpleName(), e);
    }
  }
}
