package dev.anneal.builder;

import dev.anneal.schedule.Shape;

/**
 * How a phase's shape is made at build time, once the two things a builder call cannot know yet
 * are known: the value the previous phase ends on (which depends on that phase's length, perhaps
 * given in tokens) and the phase's own step sizes or milestones given in units.
 */
@FunctionalInterface
interface ShapeRecipe {
  /**
   * The shape.
   *
   * @param previousEnd the previous phase's value at its end; {@code NaN} for the first phase
   * @param lengths resolves a length in a unit to the schedule's own steps, from the phase's start
   */
  Shape make(double previousEnd, PhaseLengths lengths);

  /** A recipe for a shape that is fully known already. */
  static ShapeRecipe of(Shape shape) {
    return (previousEnd, lengths) -> shape;
  }
}
