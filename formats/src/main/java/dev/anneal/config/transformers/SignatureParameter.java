package dev.anneal.config.transformers;

import java.util.List;

/**
 * One parameter of a {@code transformers.optimization} schedule function, as its Python signature
 * declares it: its name, the kind of value, and whether it is required, defaults to {@code None}, or
 * defaults to a value.
 *
 * @param name the keyword, e.g. {@code num_cycles}
 * @param kind what the value must be
 * @param presence required, {@code None} by default, or a default value
 * @param fallback the default value ({@link Long}, {@link Double} or {@link String}) when {@code
 *     presence} is {@link Presence#DEFAULTED}, otherwise {@code null}
 * @param choices the allowed strings of a {@link Kind#CHOICE}, otherwise empty
 */
record SignatureParameter(String name, Kind kind, Presence presence, Object fallback, List<String> choices) {
  /** What a value must be. */
  enum Kind {
    /** A whole number of steps (Python {@code int}; a JSON number with no fraction). */
    STEPS,
    /** Any finite number (Python {@code float}, {@code int} accepted). */
    NUMBER,
    /** One of {@link #choices()}. */
    CHOICE
  }

  /** How the signature declares the parameter. */
  enum Presence {
    /** No default: upstream raises {@code TypeError} without it. */
    REQUIRED,
    /** Defaults to {@code None}; {@code null} in JSON means the same. */
    NONE_BY_DEFAULT,
    /** Defaults to {@link #fallback()}; {@code null} would break upstream's arithmetic. */
    DEFAULTED
  }

  SignatureParameter {
    choices = List.copyOf(choices);
  }

  static SignatureParameter required(String name, Kind kind) {
    return new SignatureParameter(name, kind, Presence.REQUIRED, null, List.of());
  }

  static SignatureParameter noneByDefault(String name, Kind kind) {
    return new SignatureParameter(name, kind, Presence.NONE_BY_DEFAULT, null, List.of());
  }

  static SignatureParameter steps(String name, long fallback) {
    return new SignatureParameter(name, Kind.STEPS, Presence.DEFAULTED, fallback, List.of());
  }

  static SignatureParameter number(String name, double fallback) {
    return new SignatureParameter(name, Kind.NUMBER, Presence.DEFAULTED, fallback, List.of());
  }

  static SignatureParameter choice(String name, List<String> choices, String fallback) {
    return new SignatureParameter(name, Kind.CHOICE, Presence.DEFAULTED, fallback, choices);
  }
}
