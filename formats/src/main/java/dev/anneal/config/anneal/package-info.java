/**
 * Anneal's own JSON: reading and writing plans, the form checkpoints store definitions in.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}.
 */
package dev.anneal.config.anneal;
