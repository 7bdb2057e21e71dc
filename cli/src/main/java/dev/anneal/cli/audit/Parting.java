package dev.anneal.cli.audit;

/**
 * The first logged step whose value is not the curve's.
 *
 * @param step the step, in updates already applied (the log's step less {@code --first-update})
 * @param logStep the step as the log numbers it
 * @param where where it stands in the log ({@code line 152})
 * @param logged the value the log holds
 * @param expected the config's value at {@code step}
 */
public record Parting(long step, long logStep, String where, double logged, double expected) {}
