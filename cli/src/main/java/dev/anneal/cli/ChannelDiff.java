package dev.anneal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.StepCoverage;
import dev.anneal.rules.Values;
import java.nio.file.Path;

/**
 * What {@code diff} found for one channel, printed as its line of text or its object in the
 * {@code --json} document.
 *
 * @param channel the channel's name
 * @param only {@code "A"} or {@code "B"} when only that config has the channel, else {@code null}
 *     (and the fields below are zero or {@code null})
 * @param count the steps 0 to {@code count - 1} compared
 * @param coverage which of them were evaluated
 * @param differing how many of those evaluated differ
 * @param first the first step that differs, or {@code null}
 * @param largest the step of the largest difference, or {@code null}
 */
record ChannelDiff(String channel, String only, long count, StepCoverage coverage, long differing, Step first, Step largest) {
  /**
   * One step's values.
   *
   * @param a A's value, or {@code null} where A refuses the step (past its declared end, after-end FAIL)
   * @param b B's value, likewise
   */
  record Step(long step, Double a, Double b) {
    /** |B - A|, infinite when one side refuses the step. */
    double gap() {
      return a == null || b == null ? Double.POSITIVE_INFINITY : Math.abs(a - b);
    }
  }

  /** The channel is the same at every step compared. */
  boolean same() {
    return only == null && first == null;
  }

  /** The line {@code diff} prints, naming the configs {@code first} (A) and {@code second} (B). */
  String line(Path firstFile, Path secondFile) {
    if (only != null) {
      return channel + ": only in " + (only.equals("B") ? "B (" + secondFile + ")" : "A (" + firstFile + ")");
    }
    // Steps neither evaluated nor proven equal are never called the same: the line says how many there were.
    String unchecked = coverage.complete() ? "" : coverage.skipped() + " of the " + count + " steps 0 to " + (count - 1)
        + " were not compared (more than " + StepCoverage.BUDGET + " to compare one by one; " + coverage.evaluated()
        + " compared, among them every phase boundary of both and its neighbours, and evenly spaced steps between); pass --steps "
        + StepCoverage.BUDGET + " or fewer to compare every step";
    if (first == null) {
      return coverage.complete()
          ? channel + ": the same at every step 0 to " + (count - 1)
          : channel + ": the same at every step compared, but " + unchecked;
    }
    double gap = largest.gap();
    String values = " (A " + show(first.a()) + ", B " + show(first.b()) + ")"
        + "; largest difference at step " + largest.step() + " (A " + show(largest.a()) + ", B " + show(largest.b())
        + (Double.isFinite(gap) ? ", B - A = " + Values.show(largest.b() - largest.a()) : "") + ")";
    return coverage.complete()
        ? channel + ": differs from step " + first.step() + values + "; " + differing + " of " + count + " steps differ"
        : channel + ": differs at step " + first.step() + ", the first of the steps compared" + values + "; " + differing + " of the "
            + coverage.evaluated() + " steps compared differ, and " + unchecked;
  }

  /** The channel's object in the {@code --json} document (docs/json-output.md). */
  void fill(ObjectNode node) {
    node.put("same", same());
    if (only != null) {
      node.put("onlyIn", only);
      return;
    }
    node.putNull("onlyIn");
    node.put("steps", count);
    node.put("evaluated", coverage.evaluated());
    node.put("notCompared", coverage.complete() ? 0 : coverage.skipped());
    node.put("differing", differing);
    put(node, "firstDifference", first);
    put(node, "largestDifference", largest);
  }

  private static void put(ObjectNode parent, String name, Step step) {
    if (step == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode node = parent.putObject(name);
    node.put("step", step.step());
    node.put("a", step.a());
    node.put("b", step.b());
  }

  private static String show(Double value) {
    return value == null ? "refused: past its declared end" : Values.show(value.doubleValue());
  }
}
