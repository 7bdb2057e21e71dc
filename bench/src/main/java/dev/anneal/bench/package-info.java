/**
 * JMH benchmarks of Anneal against its peers (DJL trackers, the interpreted model, PyTorch
 * where a script runs it side by side). Not published.
 *
 * <p><b>Depends on:</b> Anything in the project, JMH. Nothing depends on it.
 */
package dev.anneal.bench;
