/**
 * Annotation mirrors to typed drafts that remember where each value was written (element,
 * mirror, annotation value), so every diagnostic lands on the value that caused it.
 *
 * <p><b>Depends on:</b> {@code javax.lang.model} and the model; nothing of the later steps.
 */
package dev.anneal.processor.read;
