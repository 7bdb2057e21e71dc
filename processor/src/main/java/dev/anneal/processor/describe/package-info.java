/**
 * The generation model: what each generated class holds (fields, constants, phases, shape
 * calls, Javadoc words), free of {@code javax.lang.model}, so the writer only prints.
 *
 * <p><b>Depends on:</b> The checked drafts and the model.
 */
package dev.anneal.processor.describe;
