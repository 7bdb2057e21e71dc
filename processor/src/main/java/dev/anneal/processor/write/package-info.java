/**
 * JavaPoet writers of the generated schedule, stepper and validator classes. Generated code
 * calls only the model and {@code dev.anneal.internal}.
 *
 * <p><b>Depends on:</b> The generation model, JavaPoet.
 */
package dev.anneal.processor.write;
