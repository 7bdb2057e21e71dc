package dev.anneal.checkpoint;

import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A fingerprint of a schedule's definition: the SHA-256 of its canonical description (every
 * phase, shape, value and policy, doubles exact). Two plans have the same fingerprint exactly when
 * their definitions are equal, so a checkpoint that stores it can tell whether the schedule a run
 * resumes with is the one it was saved with. Stable across JVMs and runs.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** The fingerprint of {@code plan}, 64 lower-case hex digits. */
  public static String of(Plan plan) {
    return digest(Canonical.of(plan));
  }

  /** The fingerprint of a single schedule. */
  public static String of(Schedule schedule) {
    return digest(Canonical.of(schedule));
  }

  private static String digest(Map<String, String> canonical) {
    StringBuilder text = new StringBuilder();
    canonical.forEach((path, value) -> text.append(path).append('=').append(value).append('\n'));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
