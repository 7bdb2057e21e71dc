/**
 * The DJL binding: the façade that binds plans to a trainer (step clock, parameter binding,
 * immutable run state), the optimizers that read their values from it, DJL trackers,
 * checkpoints with sealed sidecars, and the LR range test.
 *
 * <p><b>Depends on:</b> The model, the formats (saved definitions are Anneal JSON) and DJL.
 * Never the command line or the processor.
 */
package dev.anneal.runtime;
