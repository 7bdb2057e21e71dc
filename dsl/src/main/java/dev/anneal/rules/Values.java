package dev.anneal.rules;

/** How values appear in messages: doubles in their shortest round-trip form, no trailing ".0". */
public final class Values {
  private Values() {}

  public static String show(Object value) {
    if (value instanceof Double d) {
      return show(d.doubleValue());
    }
    if (value instanceof Float f) {
      return show(f.doubleValue());
    }
    return String.valueOf(value);
  }

  public static String show(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
