/**
 * Reading, checking, detecting and converting config files: the {@link
 * dev.anneal.config.ConfigFormat} contract, the registry {@link dev.anneal.config.Formats},
 * exact JSON ({@code JsonTree}), the key ledger that makes every setting honoured, refused or
 * named as ignored, and the codes every format shares ({@link dev.anneal.config.ConfigCode}).
 * One subpackage per format.
 *
 * <p><b>Depends on:</b> The model, Jackson and commons-text. Never DJL, the runtime, the
 * processor or the command line.
 */
package dev.anneal.config;
