package dev.anneal.samples.training;

import dev.anneal.runtime.StepValues;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stretch of training applied: the values of every update and the loss of its batch.
 *
 * @param firstStep the step of the first update recorded
 * @param applied the values of each update, in order
 * @param losses the loss of each update's batch, before the update
 */
public record Trace(long firstStep, List<StepValues> applied, float[] losses) {
  public Trace {
    applied = List.copyOf(applied);
    losses = losses.clone();
    if (applied.size() != losses.length) {
      throw new IllegalArgumentException(applied.size() + " updates but " + losses.length + " losses");
    }
  }

  /** The value of {@code channel} that group {@code group} applied at {@code step}. */
  public double value(long step, int group, String channel) {
    return applied.get(Math.toIntExact(step - firstStep)).value(group, channel);
  }

  /** The number of updates recorded. */
  public int updates() {
    return applied.size();
  }

  /** The mean loss of the first (or last) {@code n} updates. */
  public double meanLoss(int n, boolean last) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += losses[last ? losses.length - n + i : i];
    }
    return sum / n;
  }

  /** This trace followed by {@code next}, which must start where this one ends. */
  public Trace then(Trace next) {
    if (next.firstStep != firstStep + applied.size()) {
      throw new IllegalArgumentException("the next trace starts at step " + next.firstStep + ", not " + (firstStep + applied.size()));
    }
    List<StepValues> values = new ArrayList<>(applied);
    values.addAll(next.applied);
    float[] all = new float[losses.length + next.losses.length];
    System.arraycopy(losses, 0, all, 0, losses.length);
    System.arraycopy(next.losses, 0, all, losses.length, next.losses.length);
    return new Trace(firstStep, values, all);
  }

  @Override
  public float[] losses() {
    return losses.clone();
  }
}
