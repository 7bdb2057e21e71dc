/**
 * The grammar of every diagnostic ({@link dev.anneal.rules.Violation}, {@link
 * dev.anneal.rules.DiagnosticCode}, {@link dev.anneal.rules.Severity}), the codes of the
 * model's rules ({@link dev.anneal.rules.RuleCode}) and the elementary checks they are made of.
 *
 * <p><b>Depends on:</b> The JDK only.
 */
package dev.anneal.rules;
