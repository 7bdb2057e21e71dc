package dev.anneal.schedule;

/**
 * Where a {@link Plateau} phase stands: an immutable, serialisable value.
 *
 * @param value the current value of the phase
 * @param best the best metric seen so far (infinite before the first)
 * @param badObservations observations since the metric last improved (PyTorch's {@code num_bad_epochs})
 * @param cooldownLeft observations of cooldown still to go
 * @param observations how many metrics were observed
 */
public record PlateauState(double value, double best, long badObservations, long cooldownLeft, long observations) {}
