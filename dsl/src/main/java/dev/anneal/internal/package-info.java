/**
 * Support calls for generated code; not API. The classes that the Anneal annotation processor
 * generates call into this package (to run the model's rules on a config's values, to compute
 * phase boundaries that never wrap, to build the interpreted schedule they delegate to).
 *
 * <p>What lives here is an ABI between the processor and the runtime library, not a public API: it
 * may change in any release, and it supports only generated code of the same Anneal version. Do
 * not call it from hand-written code; declare a schedule with the annotations of {@link
 * dev.anneal.annotation} or build one with {@link dev.anneal.builder.Schedules} instead.
 */
package dev.anneal.internal;
