package dev.anneal.checkpoint;

/**
 * One difference between the schedule a checkpoint was saved with and the current one.
 *
 * @param path where, e.g. {@code lr.phases[2].to}
 * @param saved the checkpoint's value, or {@code null} if the checkpoint has no such entry
 * @param current the current value, or {@code null} if the current schedule has no such entry
 */
public record Difference(String path, String saved, String current) {
  @Override
  public String toString() {
    return path + ": checkpoint " + (saved == null ? "(absent)" : saved) + ", now " + (current == null ? "(absent)" : current);
  }
}
