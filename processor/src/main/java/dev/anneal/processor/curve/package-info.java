/**
 * Reading {@code @Curve} declarations: which component of a record feeds a curve and how.
 *
 * <p><b>Depends on:</b> The processor's read step and the model.
 */
package dev.anneal.processor.curve;
