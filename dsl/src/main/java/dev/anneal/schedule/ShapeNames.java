package dev.anneal.schedule;


/**
 * The name a person who trains models gives a phase's shape, for chart labels and explanations: {@code linear
 * warm-up}, {@code cosine decay}, never the model's wrappers ({@code reversed}, {@code shifted},
 * {@code segment}) that reproduce an upstream formula to the last bit. A ramp is named by where
 * it goes over its phase: up is a warm-up, down a decay; the model's {@link Shape#kind()} stays
 * the name in configs and messages.
 */
public final class ShapeNames {
  private ShapeNames() {}

  /** The name of {@code shape} over a phase of {@code steps} steps ({@link Phase#OPEN} if it never ends). */
  public static String of(Shape shape, long steps) {
    String name = isRamp(shape) ? shape.accept(BASE) + direction(shape, steps) : shape.accept(BASE);
    // Read well ahead, a shape continues a curve begun before its phase.
    return shape instanceof Shifted shifted && shifted.by() > 1 ? name + " (continued)" : name;
  }

  /** Whether {@code shape} is a ramp from one value to another, named by its direction. */
  private static boolean isRamp(Shape shape) {
    return switch (ShapeKind.of(shape)) {
      case LINEAR, COSINE, POLYNOMIAL, EXPONENTIAL_TO, ONE_MINUS_SQRT, SEGMENT -> true;
      case REVERSED -> isRamp(((Reversed) shape).inner());
      case SHIFTED -> isRamp(((Shifted) shape).inner());
      case CONSTANT, EXPONENTIAL, STEP, MILESTONES, INVERSE_SQRT, CYCLIC, COSINE_RESTARTS, ONE_CYCLE, PLATEAU,
          LOG_WARMUP, LINEAR_GROWTH, STAIR_CYCLE, INVERSE_TIME, POST_CYCLE_MOMENTUM, COSINE_HARD_RESTARTS -> false;
    };
  }

  /** " warm-up" where the phase ends above its start, " decay" where below, nothing where flat or endless. */
  private static String direction(Shape shape, long steps) {
    if (steps == Phase.OPEN || steps < 1) {
      return "";
    }
    double first = shape.valueAt(0, steps);
    double last = shape.endValue(steps);
    if (last > first) {
      return " warm-up";
    }
    return last < first ? " decay" : "";
  }

  /** The family's name, without direction; wrappers take the name of what they wrap. */
  private static final ShapeVisitor<String> BASE = new ShapeVisitor<>() {
    @Override
    public String visitConstant(Constant constant) {
      return "constant";
    }

    @Override
    public String visitLinear(Linear linear) {
      return "linear";
    }

    @Override
    public String visitCosine(Cosine cosine) {
      return "cosine";
    }

    @Override
    public String visitExponential(Exponential exponential) {
      return "exponential decay";
    }

    @Override
    public String visitExponentialTo(ExponentialTo exponentialTo) {
      return "exponential";
    }

    @Override
    public String visitPolynomial(Polynomial polynomial) {
      return "polynomial";
    }

    @Override
    public String visitOneMinusSqrt(OneMinusSqrt oneMinusSqrt) {
      return "1 - sqrt";
    }

    @Override
    public String visitInverseSqrt(InverseSqrt inverseSqrt) {
      return "inverse sqrt";
    }

    @Override
    public String visitStepDecay(StepDecay stepDecay) {
      return "step decay";
    }

    @Override
    public String visitMilestones(Milestones milestones) {
      return "multi-step";
    }

    @Override
    public String visitCyclic(Cyclic cyclic) {
      return "cyclic";
    }

    @Override
    public String visitCosineRestarts(CosineRestarts cosineRestarts) {
      return "cosine with restarts";
    }

    @Override
    public String visitOneCycle(OneCycle oneCycle) {
      return "one-cycle";
    }

    @Override
    public String visitPlateau(Plateau plateau) {
      return "reduce on plateau";
    }

    @Override
    public String visitLogWarmup(LogWarmup logWarmup) {
      return "log warm-up";
    }

    @Override
    public String visitLinearGrowth(LinearGrowth linearGrowth) {
      return "range test";
    }

    @Override
    public String visitStairCycle(StairCycle stairCycle) {
      return "staircase cycle";
    }

    @Override
    public String visitInverseTimeDecay(InverseTimeDecay inverseTimeDecay) {
      return "inverse time decay";
    }

    @Override
    public String visitPostCycleMomentum(PostCycleMomentum postCycleMomentum) {
      return "post-cycle momentum";
    }

    /** Read steps ahead: the curve drawn is the wrapped shape's ({@link #of} says when it continues one). */
    @Override
    public String visitShifted(Shifted shifted) {
      return shifted.inner().accept(this);
    }

    /** Run backwards: still the wrapped family; {@link #direction} says which way it now goes. */
    @Override
    public String visitReversed(Reversed reversed) {
      return reversed.inner().accept(this);
    }

    @Override
    public String visitCosineHardRestarts(CosineHardRestarts cosineHardRestarts) {
      return "cosine, hard restarts";
    }

    /** Megatron-LM's curves between two values, named after the curve. */
    @Override
    public String visitSegment(Segment segment) {
      return switch (segment.curve()) {
        case LINEAR -> "linear";
        case COSINE -> "cosine";
        case EXPONENTIAL -> "exponential";
        case MINUS_SQRT -> "1 - sqrt";
      };
    }
  };
}
