/**
 * Schedules declared with annotations, as a user project writes them, compiled by the real
 * processor in a Maven build.
 *
 * <p><b>Depends on:</b> The model and the generated classes.
 */
package dev.anneal.samples;
