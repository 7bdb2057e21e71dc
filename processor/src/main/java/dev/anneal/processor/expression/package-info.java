/**
 * The expression language of annotation values: parser, types, evaluator (Java's semantics) and
 * the printer that writes an expression as Java.
 *
 * <p><b>Depends on:</b> The JDK only.
 */
package dev.anneal.processor.expression;
