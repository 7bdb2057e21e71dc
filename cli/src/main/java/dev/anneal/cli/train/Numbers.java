package dev.anneal.cli.train;

import dev.anneal.rules.Values;

/** Exact values as the summary prints them: the shortest text that reads back as the same double, with a lower-case exponent ({@code 1e-8}, {@code 2.5e-4}, {@code 0.1}). */
final class Numbers {
  private Numbers() {}

  static String show(double value) {
    String text = Values.show(value);
    int exponent = text.indexOf('E');
    if (exponent < 0) {
      return text;
    }
    String mantissa = text.substring(0, exponent);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + text.substring(exponent + 1);
  }
}
