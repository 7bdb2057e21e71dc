/**
 * The annotation processor's shell: rounds, isolation per annotated type (one bad type never
 * stops the others), the catch-all that reports instead of throwing, and the reporter that
 * prints diagnostics on the narrowest element and honours {@code
 * @SuppressWarnings("anneal:Id")}. The work is a pipeline: {@code read} → {@code check} →
 * {@code describe} → {@code write}.
 *
 * <p><b>Depends on:</b> The model and the formats (for {@code @CheckedConfig}), JavaPoet,
 * {@code javax.annotation.processing}. Never DJL, the runtime or the command line.
 */
package dev.anneal.processor;
