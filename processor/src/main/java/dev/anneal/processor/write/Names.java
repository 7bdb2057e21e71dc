package dev.anneal.processor.write;

import java.util.Locale;

/** How a constant's camel-case name is written: as is for a field, in upper snake case for a {@code static final}. */
final class Names {
  private final boolean constants;

  Names(boolean constants) {
    this.constants = constants;
  }

  String of(String camel) {
    if (!constants) {
      return camel;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
