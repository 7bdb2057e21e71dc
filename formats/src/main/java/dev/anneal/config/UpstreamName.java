package dev.anneal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An enum constant that stands for a value upstream spells its own way ({@code "WarmupLR"},
 * {@code "inverse-square-root"}, {@code "1-sqrt"}): the one look-up by that spelling every
 * format's enums share, exact and case-sensitive as upstream compares them.
 */
public interface UpstreamName {
  /** The value as upstream writes it. */
  String upstreamName();

  /** The constant of {@code type} spelled {@code spelling} upstream, if any. */
  static <E extends Enum<E> & UpstreamName> Optional<E> find(Class<E> type, String spelling) {
    for (E constant : type.getEnumConstants()) {
      if (constant.upstreamName().equals(spelling)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /**
   * The constant of {@code type} spelled {@code spelling}, for a spelling already checked against
   * {@link #names}.
   *
   * @throws IllegalArgumentException naming {@code what} if no constant is spelled so
   */
  static <E extends Enum<E> & UpstreamName> E of(Class<E> type, String spelling, String what) {
    return find(type, spelling).orElseThrow(() -> new IllegalArgumentException("no " + what + " " + spelling));
  }

  /** Every spelling of {@code type}, in declaration order. */
  static <E extends Enum<E> & UpstreamName> List<String> names(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.upstreamName());
    }
    return names;
  }
}
