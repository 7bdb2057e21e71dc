/**
 * Training data for {@code train} and {@code find-lr}: the built-in digits set and CSV files,
 * split into training and validation sets.
 *
 * <p><b>Depends on:</b> DJL datasets and the model's diagnostics; nothing of the commands.
 */
package dev.anneal.cli.data;
