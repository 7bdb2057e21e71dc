/**
 * Folding the drafts' expressions and running the model's rules on them, through the same entry
 * point as the builder and the readers, plus the processor-only rules (names, attributes,
 * channels).
 *
 * <p><b>Depends on:</b> The drafts, the expressions, the model; not {@code describe} or {@code
 * write}.
 */
package dev.anneal.processor.check;
