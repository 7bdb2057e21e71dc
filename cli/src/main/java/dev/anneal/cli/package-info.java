/**
 * The {@code anneal} command: one picocli class per subcommand (curve, plot, explain, validate,
 * diff, convert, train, find-lr; completion and man print the
 * shell completion script and the manual page), the shared input and output handling, exit codes and the one
 * line format of diagnostics.
 *
 * <p><b>Depends on:</b> The model ({@code dev.anneal.schedule}, {@code rules}), the formats
 * ({@code dev.anneal.config}), the runtime, picocli. Never the annotation processor.
 */
package dev.anneal.cli;
