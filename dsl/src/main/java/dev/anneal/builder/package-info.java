/**
 * The staged, immutable fluent builder ({@link dev.anneal.builder.Schedules}): each step offers
 * only the calls that are legal next, and every half-built schedule can be kept and reused.
 *
 * <p><b>Depends on:</b> The model, its rules and {@code dev.anneal.geometry} (lengths in units) only.
 */
package dev.anneal.builder;
