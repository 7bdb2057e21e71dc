/**
 * The staged, immutable fluent builder ({@link dev.anneal.builder.Schedules}): each step offers
 * only the calls that are legal next, and every half-built schedule can be kept and reused.
 *
 * <p><b>Depends on:</b> The model and its rules only.
 */
package dev.anneal.builder;
