/**
 * Hugging Face transformers settings ({@code TrainingArguments} fields, {@code get_scheduler}
 * names and kwargs), the scheduler lambdas they build, and the writer.
 *
 * <p><b>Depends on:</b> The model and {@code dev.anneal.config}; not another format's package.
 */
package dev.anneal.config.transformers;
