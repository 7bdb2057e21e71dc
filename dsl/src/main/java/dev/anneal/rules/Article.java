package dev.anneal.rules;

/** The English indefinite article before a shape's name in a message: "an exponential phase", "a one-cycle phase". */
public final class Article {
  private Article() {}

  /**
   * {@code noun} with "a" or "an" before it. Every shape name is a plain English word or compound,
   * so the first letter decides, except "one", which sounds like "won".
   */
  public static String of(String noun) {
    boolean vowelSound = !noun.isEmpty() && "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 && !noun.startsWith("one");
    return (vowelSound ? "an " : "a ") + noun;
  }
}
