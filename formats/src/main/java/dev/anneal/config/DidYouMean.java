package dev.anneal.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the closest known name for a misspelled one: {@code warmup_num_step} → {@code warmup_num_steps}. */
public final class DidYouMean {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private DidYouMean() {}

  /** The known name closest to {@code given}, if it is close enough to be a likely typo. */
  public static Optional<String> closest(String given, Collection<String> known) {
    String normal = normalize(given);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = DISTANCE.apply(normal, normalize(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, normal.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean `x`?"}, or a list of the known names when none is close. */
  public static String hint(String given, Collection<String> known) {
    return closest(given, known)
        .map(name -> "; did you mean `" + name + "`?")
        .orElseGet(() -> known.isEmpty() ? "" : "; expected one of: " + String.join(", ", known.stream().sorted().toList()));
  }

  /** Case, dashes and underscores do not count as differences ({@code warmup-steps} ≈ {@code warmupSteps}). */
  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
