/**
 * Short training runs on DJL that use the samples' schedules, each run as a test: the examples
 * README and docs point at.
 *
 * <p><b>Depends on:</b> The runtime, the formats, the generated classes.
 */
package dev.anneal.samples.training;
